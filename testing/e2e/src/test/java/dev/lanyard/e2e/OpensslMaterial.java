package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A self-signed certificate and its private key, and a second unrelated key, made by openssl in a new directory. */
record OpensslMaterial(String certificate, String privateKey, String otherPrivateKey) {
    static OpensslMaterial generate() throws IOException {
        Path dir = Files.createTempDirectory("openssl-material");
        for (String name : new String[] {"a", "b"}) {
            ExternalProcess.Result result = ExternalProcess.run(List.of("openssl", "req", "-x509", "-newkey",
                    "rsa:2048", "-nodes", "-keyout", dir.resolve(name + ".key").toString(), "-out",
                    dir.resolve(name + ".crt").toString(), "-days", "30", "-subj", "/CN=" + name), Map.of());
            assertThat(result.exitCode()).as(result.stderr()).isZero();
        }
        return new OpensslMaterial(Files.readString(dir.resolve("a.crt")), Files.readString(dir.resolve("a.key")),
                Files.readString(dir.resolve("b.key")));
    }

    /** The lines of a PEM block's Base64: any one of them in a log would leak part of the key. */
    static List<String> base64Lines(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----") && l.length() > 20).toList();
    }
}
