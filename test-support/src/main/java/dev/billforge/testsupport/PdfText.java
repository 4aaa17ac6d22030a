package dev.billforge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** What a PDF says: its text, read back with PDFBox, for tests of the documents we send (invoice PDFs). */
public final class PdfText {

    private PdfText() {
    }

    /**
     * The text of every page.
     *
     * @throws AssertionError when the bytes are not a PDF
     */
    public static String of(byte[] pdf) {
        if (pdf.length < 5 || !"%PDF-".equals(new String(pdf, 0, 5, StandardCharsets.US_ASCII))) {
            throw new AssertionError("Not a PDF: it starts with "
                    + new String(pdf, 0, Math.min(pdf.length, 40), StandardCharsets.ISO_8859_1));
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable PDF", e);
        }
    }

    /** How many pages it has. */
    public static int pages(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable PDF", e);
        }
    }
}
