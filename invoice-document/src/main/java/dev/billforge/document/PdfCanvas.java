package dev.billforge.document;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A4 pages drawn top to bottom with PDFBox: text in Helvetica or Helvetica-Bold (base-14, nothing embedded), rules,
 * filled boxes, word wrapping, a new page when the next block does not fit, and "Page i of n" on every page.
 *
 * <p>
 * Why not HTML and CSS: laying out an invoice through an HTML engine took about 4 ms of CPU per PDF, most of a receipt's
 * cost; drawing the same page directly takes a fraction of that. Coordinates are PDF points from the page's bottom left;
 * {@link #y()} is the top of the space still free on the current page.
 *
 * <p>
 * One canvas draws one document, on one thread. Every string drawn passes through {@link Base14Text#sanitize}, the
 * only place characters the fonts cannot show are replaced.
 */
final class PdfCanvas implements AutoCloseable {

    static final float MM = 72f / 25.4f;
    static final float LEFT = 16 * MM;
    static final float RIGHT = PDRectangle.A4.getWidth() - 16 * MM;
    static final float WIDTH = RIGHT - LEFT;
    private static final float TOP = PDRectangle.A4.getHeight() - 18 * MM;
    private static final float BOTTOM = 20 * MM;

    static final Color INK = new Color(0x111827);
    static final Color MUTED = new Color(0x6b7280);

    /** Per document: a base-14 font object caches widths in plain maps, so it is not shared between threads. */
    final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private final PDDocument document = new PDDocument();
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream content;
    private float y;

    PdfCanvas() throws IOException {
        newPage();
    }

    /** The document's title, subject, author and producer, as a PDF reader shows them. */
    void describe(String title, String author, String producer) {
        var info = document.getDocumentInformation();
        info.setTitle(Base14Text.sanitize(title));
        info.setSubject(Base14Text.sanitize(title));
        info.setAuthor(Base14Text.sanitize(author));
        info.setProducer(producer);
    }

    float y() {
        return y;
    }

    /** Moves the free space's top down by {@code points}. */
    void down(float points) {
        y -= points;
    }

    void moveTo(float y) {
        this.y = y;
    }

    /** Starts a new page unless {@code height} points still fit on this one; true when it started one. */
    boolean ensureRoom(float height) throws IOException {
        if (y - height >= BOTTOM || y == TOP) {
            return false;
        }
        newPage();
        return true;
    }

    /** Draws {@code text} with its baseline at {@code baseline}, left edge at {@code x}. */
    void text(String text, float x, float baseline, PDType1Font font, float size, Color color, float letterSpacing)
            throws IOException {
        String printable = printable(text);
        if (printable.isEmpty()) {
            return;
        }
        content.beginText();
        content.setFont(font, size);
        content.setNonStrokingColor(color);
        content.setCharacterSpacing(letterSpacing);
        content.newLineAtOffset(x, baseline);
        content.showText(printable);
        content.endText();
    }

    /** Draws {@code text} ending at {@code right}. */
    void textRight(String text, float right, float baseline, PDType1Font font, float size, Color color)
            throws IOException {
        text(text, right - width(text, font, size, 0), baseline, font, size, color, 0);
    }

    float width(String text, PDType1Font font, float size, float letterSpacing) throws IOException {
        String printable = printable(text);
        return font.getStringWidth(printable) / 1000f * size + letterSpacing * printable.length();
    }

    /** {@code text} broken into lines no wider than {@code maxWidth}: at spaces, or inside a word too long for one. */
    List<String> wrap(String text, PDType1Font font, float size, float maxWidth) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable(text).split(" ", -1)) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(candidate, font, size, 0) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            for (int i = 0; i < word.length(); i++) { // a word wider than the column is cut where it must be
                if (!line.isEmpty() && width(line.toString() + word.charAt(i), font, size, 0) > maxWidth) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(word.charAt(i));
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** A horizontal rule from {@code x1} to {@code x2} at height {@code at}. */
    void rule(float x1, float x2, float at, float thickness, Color color) throws IOException {
        content.setStrokingColor(color);
        content.setLineWidth(thickness);
        content.moveTo(x1, at);
        content.lineTo(x2, at);
        content.stroke();
    }

    /** A filled box whose bottom-left corner is at ({@code x}, {@code bottom}). */
    void box(float x, float bottom, float width, float height, Color color) throws IOException {
        content.setNonStrokingColor(color);
        content.addRect(x, bottom, width, height);
        content.fill();
    }

    /** Numbers every page ("Page i of n", bottom right) and writes the document out. */
    byte[] finish() throws IOException {
        content.close();
        content = null;
        for (int i = 0; i < pages.size(); i++) {
            try (PDPageContentStream footer = new PDPageContentStream(document, pages.get(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) { // from a clean graphics state
                String label = "Page " + (i + 1) + " of " + pages.size();
                footer.beginText();
                footer.setFont(regular, 8);
                footer.setNonStrokingColor(MUTED);
                footer.newLineAtOffset(RIGHT - width(label, regular, 8, 0), BOTTOM / 2 - 3);
                footer.showText(label);
                footer.endText();
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        document.save(out, CompressParameters.NO_COMPRESSION); // object streams cost CPU for a few hundred bytes
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
        }
        document.close();
    }

    private void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        pages.add(page);
        content = new PDPageContentStream(document, page);
        y = TOP;
    }

    /** Sanitised, with tabs and line breaks (which no font draws) as spaces: callers split lines before. */
    private static String printable(String text) {
        return text == null ? "" : Base14Text.sanitize(text).replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    }
}
