package io.channelmind.web.crypto;

/** Encryption or decryption failed: a wrong or missing key, or a changed ciphertext. */
public class CryptoException extends RuntimeException {

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
