package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fields of the hand-written binary forms, and the preparation data built on them. */
class BinaryFieldsPropertiesTest {
    @Provide
    Arbitrary<String> anyChars() {
        return Arbitraries.strings().all().ofMaxLength(40); // every char, lone surrogates included
    }

    @Property(tries = 300)
    void stringsAndBytesComeBackAsTheyLeft(@ForAll("anyChars") String s, @ForAll byte[] b) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            BinaryFields.writeString(out, s);
            BinaryFields.writeBytes(out, b);
        }
        byte[] form = bytes.toByteArray();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(form));
        assertEquals(s, BinaryFields.readString(in, "test"));
        assertArrayEquals(b, BinaryFields.readBytes(in, "test"));
        assertEquals(0, in.available());
        for (int n = 0; n < form.length; n++) {
            DataInputStream cut = new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(form, n)));
            assertThrows(IOException.class, () -> {
                BinaryFields.readString(cut, "test");
                BinaryFields.readBytes(cut, "test");
            }, "cut at " + n);
        }
    }

    @Property(tries = 100)
    void preparationDataComesBackWithItsRuntimeState(@ForAll("anyChars") String name, @ForAll("anyChars") String value)
            throws IOException {
        PreparationData prep = new PreparationData(new byte[] {1, 2, 3}, name, new byte[] {4}, "MainProcess", 42, "fork",
                new PreparationData.RuntimeState(Map.of("app.setting", value), "en-US", "UTC"));
        PreparationData back = PreparationData.deserialize(prep.serialize());
        assertEquals(name, back.name());
        assertEquals(Map.of("app.setting", value), back.runtimeState().properties());
        assertArrayEquals(prep.serialize(), back.serialize());
    }
}
