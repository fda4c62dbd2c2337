package dev.lanyard.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QrCodePngTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void anOtpAuthUriDecodesBackFromThePng() throws Exception {
        String uri = OtpAuthUri.of(OtpAuthUri.awsLabel("phone", "123456789012"), "Lanyard",
                TotpSeed.generate(Fixtures.seededSecureRandom(7)));
        byte[] png = QrCodePng.encode(uri);

        assertThat(png).startsWith(PNG_SIGNATURE);
        Result result = decode(read(png));
        assertThat(result.getText()).isEqualTo(uri);
        assertThat(result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL)).isEqualTo("M");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "otpauth://totp/é@ü?secret=AAAA", "https://example.invalid/" + "a1b2c3d4e5"})
    void anyTextDecodesBack(String text) throws Exception {
        assertThat(decode(read(QrCodePng.encode(text))).getText()).isEqualTo(text);
    }

    /** The quiet zone is 4 modules and a module is ≥ 4 px: the finder pattern starts at 4 × moduleSize. */
    @Test
    void marginAndModuleSize() throws IOException {
        BufferedImage image = read(QrCodePng.encode("otpauth://totp/a@b?secret=" + "A".repeat(32)));
        assertThat(image.getWidth()).isEqualTo(image.getHeight()).isGreaterThanOrEqualTo(200);
        int firstDark = 0;
        while (firstDark < image.getWidth() && isLight(image, firstDark, firstDark)) {
            firstDark++;
        }
        assertThat(firstDark % 4).isZero();
        int moduleSize = firstDark / 4;
        assertThat(moduleSize).isGreaterThanOrEqualTo(QrCodePng.MIN_MODULE_PIXELS);
        int modules = image.getWidth() / moduleSize;
        assertThat(image.getWidth() % moduleSize).isZero();
        assertThat((modules - 8 - 17) % 4).as("a QR symbol is 17 + 4·version modules wide").isZero();
        for (int i = 0; i < image.getWidth(); i++) {
            assertThat(isLight(image, i, 0) && isLight(image, 0, i) && isLight(image, i, image.getHeight() - 1))
                    .isTrue();
        }
    }

    @Test
    void emptyOrOversizedTextIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> QrCodePng.encode(""));
        assertThatIllegalArgumentException().isThrownBy(() -> QrCodePng.encode("x".repeat(5_000)));
    }

    private static boolean isLight(BufferedImage image, int x, int y) {
        return (image.getRGB(x, y) & 0xffffff) == 0xffffff;
    }

    private static BufferedImage read(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(png)));
        assertThat(image).as("a PNG ImageIO can read").isNotNull();
        return image;
    }

    private static Result decode(BufferedImage image) throws NotFoundException, ChecksumException, FormatException {
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))));
    }
}
