package dev.tessera.infra;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The signing key of a local stack or a test run: generated on first use, kept as PEM files in a
 * directory that is never committed. Services verify tokens with {@code public.pem}.
 */
public final class DevKeys {

    private final Path directory;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DevKeys(Path directory, PrivateKey privateKey, PublicKey publicKey) {
        this.directory = directory;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key pair from the directory, generating and writing it first if absent. */
    public static synchronized DevKeys loadOrCreate(Path directory) {
        directory = directory.toAbsolutePath();
        try {
            Files.createDirectories(directory);
            Path privatePem = directory.resolve("private.pem");
            Path publicPem = directory.resolve("public.pem");
            // Another process (./tessera token while ./tessera up starts) may generate at the same
            // moment; without the lock the two files could come from different pairs.
            try (FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lock(channel)) {
                if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    KeyPair pair = generator.generateKeyPair();
                    write(privatePem, "PRIVATE KEY", pair.getPrivate().getEncoded());
                    write(publicPem, "PUBLIC KEY", pair.getPublic().getEncoded());
                }
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(read(privatePem)));
                PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(read(publicPem)));
                return new DevKeys(directory, privateKey, publicKey);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not load or create signing keys in " + directory, e);
        }
    }

    /**
     * A cross-process lock. Within one JVM a second class loader (Quarkus tests load classes twice)
     * gets OverlappingFileLockException instead of blocking, so that case waits and retries.
     */
    private static FileLock lock(FileChannel channel) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                if (attempt > 500) {
                    throw new IOException("Timed out waiting for the key lock", e);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while waiting for the key lock", interrupted);
                }
            }
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The PEM file services verify tokens with ({@code mp.jwt.verify.publickey.location}). */
    public Path publicKeyPath() {
        return directory.resolve("public.pem");
    }

    public Path privateKeyPath() {
        return directory.resolve("private.pem");
    }

    public Path directory() {
        return directory;
    }

    private static void write(Path file, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        // Written whole then moved, so a concurrent reader never sees half a key.
        Path temp = Files.createTempFile(file.getParent(), "key", ".tmp");
        Files.writeString(temp, pem, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static byte[] read(Path file) throws IOException {
        String body = Files.readString(file, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
