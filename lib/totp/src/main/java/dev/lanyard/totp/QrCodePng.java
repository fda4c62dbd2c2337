package dev.lanyard.totp;

import static java.util.Objects.requireNonNull;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** The QRCodePNG of CreateVirtualMFADevice: a 1-bit PNG made entirely in memory. */
public final class QrCodePng {
    /** The quiet zone the QR specification requires around the symbol, in modules. */
    public static final int MARGIN_MODULES = 4;
    /** Smallest size of one module, in pixels. */
    public static final int MIN_MODULE_PIXELS = 4;
    /** Modules are scaled up until the image is at least this wide, so phone cameras read it from a screen. */
    public static final int TARGET_IMAGE_PIXELS = 200;

    private QrCodePng() {}

    /**
     * A real PNG (javax.imageio, in memory) of the QR code of `text`, error correction M, margin 4, module size ≥ 4
     * px. ASCII text is encoded without an ECI header (some authenticator apps reject one); other text as UTF-8.
     *
     * @throws IllegalArgumentException if text is empty or too long for a QR code
     */
    public static byte[] encode(String text) {
        requireNonNull(text, "text is null");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("text is empty");
        }
        Map<EncodeHintType, Object> hints = isAscii(text)
                ? Map.of()
                : Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        ByteMatrix matrix;
        try {
            matrix = Encoder.encode(text, ErrorCorrectionLevel.M, hints).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("text cannot be put in a QR code: " + e.getMessage(), e);
        }
        return png(render(matrix));
    }

    private static BufferedImage render(ByteMatrix matrix) {
        int modules = matrix.getWidth() + 2 * MARGIN_MODULES;
        int scale = Math.max(MIN_MODULE_PIXELS, (TARGET_IMAGE_PIXELS + modules - 1) / modules);
        int size = modules * scale;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < size; y++) {
            int row = y / scale - MARGIN_MODULES;
            for (int x = 0; x < size; x++) {
                int column = x / scale - MARGIN_MODULES;
                boolean dark = row >= 0 && row < matrix.getHeight() && column >= 0 && column < matrix.getWidth()
                        && matrix.get(column, row) == 1;
                // the default two-colour palette of TYPE_BYTE_BINARY: 0 is black, 1 is white
                raster.setSample(x, y, 0, dark ? 0 : 1);
            }
        }
        return image;
    }

    /** Through a memory-cached stream: ImageIO.write(…, OutputStream) may spill to a temporary file. */
    private static byte[] png(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JDK has no PNG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
