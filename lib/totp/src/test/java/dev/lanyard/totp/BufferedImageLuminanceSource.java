package dev.lanyard.totp;

import com.google.zxing.LuminanceSource;
import java.awt.image.BufferedImage;

/** zxing core's reader input from a BufferedImage (what zxing's javase module would provide), test use only. */
final class BufferedImageLuminanceSource extends LuminanceSource {
    private final byte[] luminance;

    BufferedImageLuminanceSource(BufferedImage image) {
        super(image.getWidth(), image.getHeight());
        luminance = new byte[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int gray = (306 * ((rgb >> 16) & 0xff) + 601 * ((rgb >> 8) & 0xff) + 117 * (rgb & 0xff)) >> 10;
                luminance[y * image.getWidth() + x] = (byte) gray;
            }
        }
    }

    @Override
    public byte[] getRow(int y, byte[] row) {
        byte[] out = row != null && row.length >= getWidth() ? row : new byte[getWidth()];
        System.arraycopy(luminance, y * getWidth(), out, 0, getWidth());
        return out;
    }

    @Override
    public byte[] getMatrix() {
        return luminance.clone();
    }
}
