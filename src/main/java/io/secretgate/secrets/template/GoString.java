package io.secretgate.secrets.template;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** A Go {@code string}: an immutable byte sequence, not necessarily valid UTF-8. */
final class GoString {

    static final GoString EMPTY = new GoString(new byte[0]);

    private final byte[] bytes;

    private GoString(byte[] bytes) {
        this.bytes = bytes;
    }

    static GoString copyOf(byte[] bytes) {
        return new GoString(bytes.clone());
    }

    /** Takes ownership of the array; the caller must not change it afterwards. */
    static GoString wrap(byte[] bytes) {
        return new GoString(bytes);
    }

    static GoString of(String text) {
        return new GoString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes themselves; callers must not change them. */
    byte[] raw() {
        return bytes;
    }

    int length() {
        return bytes.length;
    }

    boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The text, when the bytes are valid UTF-8. */
    Optional<String> utf8() {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GoString && Arrays.equals(bytes, ((GoString) other).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Deliberately content-free, so that a value can never leak through string concatenation. */
    @Override
    public String toString() {
        return "GoString[" + bytes.length + " bytes]";
    }
}
