package dev.billforge.document;

import java.nio.charset.Charset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Keeps text printable with the PDF base-14 fonts the invoice uses (Helvetica, Helvetica-Bold).
 *
 * <p>
 * Why: the invoice embeds no font files, so every glyph comes from a standard font in WinAnsiEncoding, which covers
 * Western European text only (about 218 characters). A character outside it (a Japanese customer name, an emoji, a
 * Polish "ł") cannot be drawn, and PDFBox would fail the whole rendering on it. An invoice that prints "?" for a
 * name's unsupported letters is still a valid invoice; one that does not render is not. So every string
 * {@link PdfCanvas} draws passes through {@link #sanitize}: the only place this happens.
 *
 * <p>
 * The set of printable characters is asked of PDFBox itself (not hard-coded), once, when the class initialises; it
 * is immutable afterwards, so {@link #sanitize} is thread-safe.
 */
final class Base14Text {

    static final char REPLACEMENT = '?';

    private static final Set<Integer> PRINTABLE = printable();

    private Base14Text() {
    }

    /** {@code text} with every code point the base-14 fonts cannot encode replaced by {@link #REPLACEMENT}. */
    static String sanitize(String text) {
        StringBuilder out = null;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (!printable(cp)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(REPLACEMENT);
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    private static boolean printable(int cp) {
        // Whitespace controls: never drawn as glyphs (PdfCanvas turns them into spaces), and footers keep line breaks.
        return (cp >= 0x20 && cp < 0x7F) || cp == '\n' || cp == '\r' || cp == '\t' || PRINTABLE.contains(cp);
    }

    /**
     * WinAnsiEncoding is (nearly) Windows-1252, so its 256 characters are the candidates; each is kept only if both
     * fonts the template uses really encode it.
     */
    private static Set<Integer> printable() {
        List<PDType1Font> fonts = List.of(new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD));
        Charset winAnsi = Charset.forName("windows-1252");
        Set<Integer> printable = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            String candidate = new String(new byte[] { (byte) b }, winAnsi);
            if (encodable(fonts, candidate)) {
                printable.add(candidate.codePointAt(0));
            }
        }
        return Set.copyOf(printable);
    }

    private static boolean encodable(List<PDType1Font> fonts, String character) {
        try {
            for (PDType1Font font : fonts) {
                font.encode(character);
            }
            return true;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return false;
        }
    }
}
