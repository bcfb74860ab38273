package dev.ifmon.core.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Turns the kept bytes of a body into text: undoes {@code Content-Encoding: gzip} or {@code deflate}
 * (never producing more than the cap, so a compression bomb stays bounded) and decodes the charset the
 * {@code Content-Type} names, UTF-8 otherwise. Stateless and thread-safe.
 */
public final class BodyDecoder {

    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");

    private BodyDecoder() {
    }

    /**
     * The decoded body, or why it could not be decoded.
     *
     * @param text the body text, possibly cut at the cap
     * @param truncated whether decoding stopped at the cap
     * @param unsupportedEncoding the content coding we cannot decode, or {@code null}
     * @param corruption why a body in a coding we do decode (gzip, deflate) is not valid in it, e.g.
     *     {@code gzip: Not in GZIP format}, or {@code null}
     */
    public record Decoded(String text, boolean truncated, String unsupportedEncoding, String corruption) {

        static Decoded of(String text, boolean truncated) {
            return new Decoded(text, truncated, null, null);
        }
    }

    /**
     * @param body the kept bytes
     * @param contentEncoding the {@code Content-Encoding} header, or {@code null}
     * @param contentType the {@code Content-Type} header, or {@code null}
     * @param cap the most decoded bytes to keep
     * @return the text, or the unsupported encoding
     */
    public static Decoded decode(CapturedBody body, String contentEncoding, String contentType, int cap) {
        String coding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (body.totalBytes() == 0 || coding.isEmpty() || coding.equals("identity")) {
            return Decoded.of(text(body.bytes(), contentType), body.truncated());
        }
        return switch (coding) {
            case "gzip", "x-gzip" -> inflate(body, contentType, cap, true);
            case "deflate" -> inflate(body, contentType, cap, false);
            default -> new Decoded("", false, coding, null);
        };
    }

    private static Decoded inflate(CapturedBody body, String contentType, int cap, boolean gzip) {
        try (InputStream in = open(body.bytes(), gzip)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean more = copyAtMost(in, out, cap);
            return Decoded.of(text(out.toByteArray(), contentType), more || body.truncated());
        } catch (IOException e) {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Decoded("", false, null, (gzip ? "gzip" : "deflate") + ": " + detail);
        }
    }

    private static InputStream open(byte[] bytes, boolean gzip) throws IOException {
        if (gzip) {
            return new GZIPInputStream(new ByteArrayInputStream(bytes));
        }
        return new InflaterInputStream(new ByteArrayInputStream(bytes), new Inflater(!hasZlibHeader(bytes)));
    }

    private static boolean hasZlibHeader(byte[] bytes) {
        if (bytes.length < 2 || (bytes[0] & 0x0f) != 8) {
            return false;
        }
        return ((bytes[0] & 0xff) << 8 | bytes[1] & 0xff) % 31 == 0;
    }

    private static boolean copyAtMost(InputStream in, ByteArrayOutputStream out, int cap) throws IOException {
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) > 0) {
                int take = Math.min(read, cap - out.size());
                out.write(buffer, 0, take);
                if (take < read) {
                    return true;
                }
            }
        } catch (EOFException | ZipException e) {
            if (out.size() == 0) {
                throw e;
            }
        }
        return false;
    }

    /**
     * @param bytes body bytes
     * @param contentType the {@code Content-Type} header, or {@code null}
     * @return the bytes as text in the named charset, UTF-8 when none or unknown
     */
    public static String text(byte[] bytes, String contentType) {
        return new String(bytes, charset(contentType).orElse(StandardCharsets.UTF_8));
    }

    private static Optional<Charset> charset(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        Matcher matcher = CHARSET.matcher(contentType);
        if (!matcher.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(matcher.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
