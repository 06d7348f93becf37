package dev.atmo.http;

import java.nio.file.Path;
import java.util.Objects;

/** A PEM certificate chain and its PEM private key (PKCS#8), for serving HTTPS. */
public record TlsFiles(Path certificate, Path privateKey) {
    public TlsFiles {
        Objects.requireNonNull(certificate);
        Objects.requireNonNull(privateKey);
    }
}
