package io.github.schemafirst.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.file.read.ReadPosition;
import io.github.schemafirst.connect.file.read.ResumeCheck;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileOffsetTest {
    @Test
    void anOffsetSurvivesTheRoundTripThroughItsMap() {
        byte[] head = "{\"name\":\"a\"}\n".getBytes(StandardCharsets.UTF_8);
        FileOffset offset = new FileOffset(new ReadPosition(13, 2, 1), HeadFingerprint.of(head, 13), "sub/a.jsonl");

        FileOffset back = FileOffset.fromMap(offset.toMap());

        assertThat(back.position()).isEqualTo(offset.position());
        assertThat(back.head()).isEqualTo(offset.head());
        assertThat(back.path()).isEqualTo("sub/a.jsonl");
    }

    @Test
    void theOffsetMapIsReadOnlyAndEqualToTheMapItStandsFor() {
        byte[] head = "{\"name\":\"a\"}\n".getBytes(StandardCharsets.UTF_8);
        FileOffset offset = new FileOffset(new ReadPosition(13, 2, 1), HeadFingerprint.lazy(head, 13),
                new ResumeCheck(0, 0xabcL), "a.jsonl", null, null);
        Map<String, Object> expected = new HashMap<>();
        expected.put("position", 13L);
        expected.put("line", 2L);
        expected.put("index", 1L);
        expected.put("head.length", 13L);
        expected.put("head.hash", HeadFingerprint.of(head, 13).hash());
        expected.put("check.from", 0L);
        expected.put("check.crc", 0xabcL);
        expected.put("path", "a.jsonl");

        Map<String, Object> map = offset.toMap();

        assertThat(map).isEqualTo(expected);
        assertThat(expected).isEqualTo(map);
        assertThat(map.hashCode()).isEqualTo(expected.hashCode());
        assertThat(map.get("position")).isEqualTo(13L);
        assertThat(map.get("missing")).isNull();
        assertThat(map).hasSize(8).containsKey("head.hash").doesNotContainKey("broken");
        assertThat(new HashMap<>(map)).isEqualTo(expected);
        assertThatThrownBy(() -> map.put("position", 0L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove("position")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(FileOffset.fromMap(map).check()).isEqualTo(new ResumeCheck(0, 0xabcL));
    }

    @Test
    void aLazyFingerprintIsTheFingerprintOfTheSameBytes() {
        byte[] head = "0123456789".getBytes(StandardCharsets.UTF_8);
        HeadFingerprint lazy = HeadFingerprint.lazy(head, 7);

        assertThat(lazy).isEqualTo(HeadFingerprint.of(head, 7)).isNotEqualTo(HeadFingerprint.of(head, 6));
        assertThat(lazy.hash()).isEqualTo(HeadFingerprint.of(head, 7).hash());
        assertThat(lazy.hashCode()).isEqualTo(HeadFingerprint.of(head, 7).hashCode());
        assertThat(HeadFingerprint.lazy(head, 7).toString()).isEqualTo(HeadFingerprint.of(head, 7).toString());
        assertThatThrownBy(() -> HeadFingerprint.lazy(head, 11)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void integersAsAJsonStoreReturnsThemAreAccepted() {
        FileOffset offset = FileOffset.fromMap(Map.of("position", 7, "line", 2, "index", 1));

        assertThat(offset.position()).isEqualTo(new ReadPosition(7, 2, 1));
        assertThat(offset.head()).isNull();
    }

    @Test
    void aHeadLongerThanThePositionIsMalformed() {
        assertThatThrownBy(() -> FileOffset.fromMap(Map.of("position", 3L, "head.length", 10L, "head.hash", "ab")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head.length");
    }

    @Test
    void aFingerprintMatchesOnlyTheBytesItWasTakenOver() {
        HeadFingerprint fingerprint = HeadFingerprint.of(bytes("hello world\n"), 5);

        assertThat(fingerprint.matches(bytes("hello"))).isTrue();
        assertThat(fingerprint.matches(bytes("jello"))).isFalse();
        assertThat(fingerprint.matches(bytes("hel"))).isFalse(); // shorter than the fingerprinted head
    }

    @Test
    void anObjectsOffsetCarriesItsEtag() {
        FileOffset offset = new FileOffset(new ReadPosition(13, 2, 1), null, null, "a.jsonl", null, "abc123");
        Map<String, Object> map = offset.toMap();
        assertThat(map).containsEntry("etag", "abc123").doesNotContainKeys("head.length", "check.from");
        FileOffset back = FileOffset.fromMap(map);
        assertThat(back.etag()).isEqualTo("abc123");
        assertThat(back.asBroken("bad").etag()).isEqualTo("abc123");
        assertThatThrownBy(() -> FileOffset.fromMap(Map.of("position", 3L, "etag", 7L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("etag");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
