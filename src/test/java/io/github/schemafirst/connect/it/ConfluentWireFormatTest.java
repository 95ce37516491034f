package io.github.schemafirst.connect.it;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfluentWireFormatTest {

    @Test
    void framesAndUnframesIdAndPayload() {
        byte[] framed = ConfluentWireFormat.frame(258, new byte[] {7, 8});

        assertThat(framed).containsExactly(0, 0, 0, 1, 2, 7, 8);
        assertThat(ConfluentWireFormat.schemaId(framed)).isEqualTo(258);
        assertThat(ConfluentWireFormat.payload(framed)).containsExactly(7, 8);
    }

    @Test
    void rejectsWrongMagicByteAndShortInput() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {1, 0, 0, 0, 1}))
                .hasMessageContaining("magic byte 1");
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {0, 0}))
                .hasMessageContaining("2 bytes");
    }
}
