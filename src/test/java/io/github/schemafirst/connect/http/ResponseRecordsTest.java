package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseRecordsTest {

    private static ResponseRecords.Extraction extract(String pointer, String body) {
        return new ResponseRecords(pointer).extract(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theBodyIsTheArrayByDefault() {
        ResponseRecords.Extraction e = extract("", "[{\"id\":1},{\"id\":2}]");
        assertThat(e.failure()).isNull();
        assertThat(e.records()).extracting(n -> n.get("id").asInt()).containsExactly(1, 2);
    }

    @Test
    void aSingleObjectIsOneRecord() {
        assertThat(extract("", "{\"id\":1}").records()).hasSize(1);
        assertThat(extract("/data", "{\"data\":{\"id\":1}}").records()).hasSize(1);
    }

    @Test
    void followsThePointerIntoTheBody() {
        ResponseRecords.Extraction e = extract("/data/items", "{\"data\":{\"items\":[{\"id\":7}]},\"next\":null}");
        assertThat(e.records()).extracting(n -> n.get("id").asInt()).containsExactly(7);
        assertThat(e.body().get("next").isNull()).isTrue();
    }

    @Test
    void nullOrEmptyBodyMeansNoRecords() {
        assertThat(extract("/data", "{\"data\":null}").records()).isEmpty();
        assertThat(extract("/data", "{\"data\":null}").failure()).isNull();
        assertThat(extract("", "").records()).isEmpty();
        assertThat(extract("", "").failure()).isNull();
    }

    @Test
    void explainsBodiesWithoutRecords() {
        assertThat(extract("", "<html>down</html>").failure()).startsWith("expected a JSON body, got invalid JSON");
        assertThat(extract("/data", "{\"error\":\"x\"}").failure())
                .isEqualTo("expected an array of records at http.records.pointer '/data', got no such field");
        assertThat(extract("/data", "{\"data\":42}").failure()).endsWith("got number");
    }

    @Test
    void recordBytesKeepNumbersExact() {
        ResponseRecords.Extraction e = extract("", "[{\"amount\":0.10000000000000000001}]");
        assertThat(new String(ResponseRecords.bytes(e.records().get(0)), StandardCharsets.UTF_8))
                .isEqualTo("{\"amount\":0.10000000000000000001}");
    }

    @Test
    void bodiesAreHeldToTheJsonRecordRules() {
        assertThat(extract("", "[{\"id\":1,\"tags\":{\"a\":1,\"a\":2}}]").failure())
                .isEqualTo("expected a JSON body, got invalid JSON: Duplicate field 'a'");
        assertThat(extract("", "[{\"id\":1}] [{\"id\":2}]").failure())
                .startsWith("expected a JSON body, got invalid JSON: Trailing token");
    }

    @Test
    void recordBytesAreTheExactTextOfEachRecordInTheBody() {
        String body = "{\"next\":\"/p2\",\"data\":{\"skip\":[{\"a\":[1]}],\"items\":[ {\"id\" : 1, \"n\":\"ä\\u00e9\"} ,\n"
                + "[2, {\"x\":0.10000000000000000001}],{}]}}";
        ResponseRecords.Extraction e = extract("/data/items", body);
        assertThat(e.records()).hasSize(3);
        assertThat(new String(e.recordBytes(0), StandardCharsets.UTF_8)).isEqualTo("{\"id\" : 1, \"n\":\"ä\\u00e9\"}");
        assertThat(new String(e.recordBytes(1), StandardCharsets.UTF_8)).isEqualTo("[2, {\"x\":0.10000000000000000001}]");
        assertThat(new String(e.recordBytes(2), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void recordBytesFollowArrayIndexesInThePointerAndSingleObjects() {
        ResponseRecords.Extraction e = extract("/pages/1", "{\"pages\":[[{\"id\":0}], [ {\"id\":1} ]]}");
        assertThat(new String(e.recordBytes(0), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
        ResponseRecords.Extraction single = extract("/data", "{\"data\": {\"id\" :2} }");
        assertThat(new String(single.recordBytes(0), StandardCharsets.UTF_8)).isEqualTo("{\"id\" :2}");
    }

    @Test
    void scalarRecordsAreWrittenBackAsJson() {
        ResponseRecords.Extraction e = extract("", "[ 1.50 , \"x\", {\"id\":3}]");
        assertThat(new String(e.recordBytes(0), StandardCharsets.UTF_8)).isEqualTo("1.5"); // written back, not sliced
        assertThat(new String(e.recordBytes(1), StandardCharsets.UTF_8)).isEqualTo("\"x\"");
        assertThat(new String(e.recordBytes(2), StandardCharsets.UTF_8)).isEqualTo("{\"id\":3}");
    }

    @Test
    void recordBytesSkipAByteOrderMark() {
        byte[] body = "\uFEFF[ {\"id\":1} ]".getBytes(StandardCharsets.UTF_8);
        ResponseRecords.Extraction e = new ResponseRecords("").extract(body);
        assertThat(new String(e.recordBytes(0), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
    }

    /** Each character of {@code latin1} is one byte of the body, so {@code "\u00C0\u00AF"} is the bytes C0 AF. */
    private static ResponseRecords.Extraction extractLatin1(String pointer, String latin1) {
        return new ResponseRecords(pointer).extract(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aRecordThatIsNotStrictUtf8KeepsItsExactBytesForTheDecoderToRefuse() {
        ResponseRecords.Extraction e = extractLatin1("/data", "{\"data\":[{\"id\":1},{\"p\":\"a\u00C0\u00AF\"}]}");
        assertThat(e.failure()).isNull();
        assertThat(e.records()).hasSize(2);
        assertThat(e.recordBytes(1)).containsExactly("{\"p\":\"a\u00C0\u00AF\"}".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void bytesOutsideTheRecordsThatAreNotStrictUtf8MakeTheBodyInvalid() {
        // the pagination reads the envelope: a lenient parser would follow "/p/2" instead of what the API sent
        assertThat(extractLatin1("/data", "{\"next\":\"/p\u00C0\u00AF2\",\"data\":[{\"id\":1}]}").failure())
                .isEqualTo("expected a JSON body, got invalid UTF-8 bytes (overlong encoding) at byte 11");
        assertThat(extractLatin1("/data", "{\"data\":[{\"id\":1}],\"next\":\"\u00ED\u00A0\u0080\"}").failure())
                .isEqualTo("expected a JSON body, got invalid UTF-8 bytes (encoded surrogate) at byte 27");
        assertThat(extractLatin1("/data", "{\"data\":null,\"next\":\"\u00C0\u00AF\"}").failure())
                .isEqualTo("expected a JSON body, got invalid UTF-8 bytes (overlong encoding) at byte 21");
    }

    @Test
    void scalarRecordsThatAreNotStrictUtf8MakeTheBodyInvalidAsTheyAreWrittenBackNotSliced() {
        assertThat(extractLatin1("", "[\"a\", \"b\u00C0\u00AF\"]").failure())
                .isEqualTo("expected a JSON body, got invalid UTF-8 bytes (overlong encoding) at byte 8");
    }
}
