package dev.atmo.http;

import dev.atmo.AtmoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks at start-up that the private key belongs to the certificate: a mismatch otherwise starts a server
 * whose every handshake fails. Signs a probe with the key and verifies it with the certificate's public key.
 */
final class TlsKeyMatch {
    private static final byte[] PROBE = "atmo tls key check".getBytes(StandardCharsets.UTF_8);

    private TlsKeyMatch() {
    }

    static void require(TlsFiles files) {
        try {
            PublicKey certified;
            try (InputStream in = Files.newInputStream(files.certificate())) {
                certified = ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in))
                        .getPublicKey();
            }
            Optional<String> algorithm = signatureFor(certified.getAlgorithm());
            if (algorithm.isEmpty()) {
                return;
            }
            PrivateKey key = KeyFactory.getInstance(certified.getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(pemBody(Files.readString(files.privateKey()))));
            Signature signer = Signature.getInstance(algorithm.get());
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm.get());
            verifier.initVerify(certified);
            verifier.update(PROBE);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // a key of another kind than the certificate's lands here too
        }
        throw new AtmoException("TLS key " + files.privateKey() + " does not belong to certificate "
                + files.certificate() + "; give the key the certificate was issued for");
    }

    private static Optional<String> signatureFor(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> Optional.of("SHA256withRSA");
            case "EC" -> Optional.of("SHA256withECDSA");
            case "Ed25519", "Ed448", "EdDSA" -> Optional.of(keyAlgorithm);
            default -> Optional.empty();
        };
    }

    private static byte[] pemBody(String pem) {
        StringBuilder base64 = new StringBuilder();
        for (String line : pem.split("\r?\n")) {
            if (!line.startsWith("-----") && !line.isBlank()) {
                base64.append(line.strip());
            }
        }
        return Base64.getDecoder().decode(base64.toString());
    }
}
