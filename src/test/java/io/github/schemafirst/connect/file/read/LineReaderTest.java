package io.github.schemafirst.connect.file.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    /** Each record as "line:text@offsetAfter/lineAfter". */
    private static List<String> readAll(byte[] data, boolean takeUnterminated, int maxRecordBytes)
            throws IOException {
        LineReader lines = new LineReader("f", new ByteArrayInputStream(data), RecordBoundary.LINE, 0, 1,
                maxRecordBytes);
        List<String> out = new ArrayList<>();
        while (lines.advance(takeUnterminated)) {
            out.add(lines.recordLine() + ":" + new String(lines.recordBytes(), StandardCharsets.ISO_8859_1) + "@"
                    + lines.offset() + "/" + lines.line());
        }
        return out;
    }

    private static List<String> readAll(String data, boolean takeUnterminated) throws IOException {
        return readAll(data.getBytes(StandardCharsets.ISO_8859_1), takeUnterminated, 1 << 20);
    }

    @Test
    void splitsOnLfAndCrlfWithByteOffsetsPastTheTerminator() throws IOException {
        assertThat(readAll("a\r\nbb\ncc\r\n", false))
                .containsExactly("1:a@3/2", "2:bb@6/3", "3:cc@10/4");
    }

    @Test
    void aLoneCrIsData() throws IOException {
        assertThat(readAll("a\rb\n", false)).containsExactly("1:a\rb@4/2");
    }

    @Test
    void anUnterminatedLastLineWaitsUnlessTheInputIsComplete() throws IOException {
        assertThat(readAll("a\nb", false)).containsExactly("1:a@2/2");
        assertThat(readAll("a\nb", true)).containsExactly("1:a@2/2", "2:b@3/2");
        // the CR of a CRLF the writer never finished is not data
        assertThat(readAll("a\nb\r", true)).containsExactly("1:a@2/2", "2:b@4/2");
    }

    @Test
    void skipsAByteOrderMarkAtTheStartButCountsItsBytes() throws IOException {
        byte[] data = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x', '\n', 'y', '\n'};
        assertThat(readAll(data, false, 100)).containsExactly("1:x@5/2", "2:y@7/3");
    }

    @Test
    void aByteOrderMarkPrefixAloneWaitsForMoreBytes() throws IOException {
        byte[] partial = {(byte) 0xEF, (byte) 0xBB};
        assertThat(readAll(partial, false, 100)).isEmpty();
        // once the data is complete, those bytes are a record like any other
        assertThat(readAll(partial, true, 100)).hasSize(1);
    }

    @Test
    void aByteOrderMarkLaterInTheFileIsData() throws IOException {
        byte[] data = {'x', '\n', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'y', '\n'};
        LineReader lines = new LineReader("f", new ByteArrayInputStream(data), RecordBoundary.LINE, 0, 1, 100);
        assertThat(lines.advance(false)).isTrue();
        assertThat(lines.advance(false)).isTrue();
        assertThat(lines.recordBytes()).hasSize(4);
    }

    @Test
    void startsCountingFromTheGivenOffsetAndLine() throws IOException {
        LineReader lines = new LineReader("f", new ByteArrayInputStream("c\nd\n".getBytes(StandardCharsets.US_ASCII)),
                RecordBoundary.LINE, 100, 7, 100);
        assertThat(lines.advance(false)).isTrue();
        assertThat(lines.recordLine()).isEqualTo(7);
        assertThat(lines.offset()).isEqualTo(102);
        assertThat(lines.line()).isEqualTo(8);
    }

    @Test
    void aTenMegabyteLineIsOneRecord() throws IOException {
        byte[] data = new byte[10 * 1024 * 1024 + 4];
        Arrays.fill(data, (byte) 'x');
        data[data.length - 3] = '\n';
        data[data.length - 2] = 'y';
        data[data.length - 1] = '\n';
        LineReader lines = new LineReader("f", new TrickleStream(data, 8191), RecordBoundary.LINE, 0, 1,
                64 * 1024 * 1024);
        assertThat(lines.advance(false)).isTrue();
        assertThat(lines.recordBytes()).hasSize(10 * 1024 * 1024 + 1);
        assertThat(lines.advance(false)).isTrue();
        assertThat(lines.recordBytes()).containsExactly('y');
        assertThat(lines.offset()).isEqualTo(data.length);
    }

    @Test
    void aLineOverTheLimitIsHandedOutTooLargeWithItsFirstBytesAndReadingGoesOn() throws IOException {
        byte[] data = ("ok\n" + "x".repeat(5000) + "\r\nnext\n").getBytes(StandardCharsets.US_ASCII);
        LineReader lines = new LineReader("big.txt", new TrickleStream(data, 7), RecordBoundary.LINE, 0, 1, 1000);
        assertThat(lines.advance(false)).isTrue();

        assertThat(lines.advance(false)).isTrue();
        assertThat(lines.recordTooLarge()).isTrue();
        assertThat(lines.recordLength()).isEqualTo(5000);
        assertThat(lines.recordLine()).isEqualTo(2);
        assertThat(lines.recordBytes()).hasSizeBetween(1000, LineReader.TOO_LARGE_PREFIX).containsOnly('x');
        assertThat(lines.recordCheck()).isNull();
        assertThat(lines.offset()).isEqualTo(3 + 5002);

        assertThat(lines.advance(false)).isTrue();
        assertThat(lines.recordTooLarge()).isFalse();
        assertThat(lines.recordBytes()).containsExactly('n', 'e', 'x', 't');
        assertThat(lines.recordLine()).isEqualTo(3);
    }

    @Test
    void aQuotedCsvRowOverTheLimitCountsItsLinesAndTheNextRowStartsOnTheRightLine() throws IOException {
        String cell = "\"" + "y\n".repeat(1500) + "\"";
        byte[] data = ("a\n" + cell + "\nb\n").getBytes(StandardCharsets.US_ASCII);
        LineReader lines = new LineReader("q.csv", new TrickleStream(data, 100),
                new CsvRecordBoundary(CsvOptions.defaults()), 0, 1, 1000);
        assertThat(lines.advance(false)).isTrue();
        assertThat(lines.advance(false)).isTrue();
        assertThat(lines.recordTooLarge()).isTrue();
        assertThat(lines.recordLine()).isEqualTo(2);
        assertThat(lines.advance(false)).isTrue();
        assertThat(lines.recordBytes()).containsExactly('b');
        assertThat(lines.recordLine()).isEqualTo(2 + 1501);
    }

    @Test
    void anUnterminatedLastLineOverTheLimitIsTooLargeOnceTheFileIsComplete() throws IOException {
        byte[] data = "z".repeat(3000).getBytes(StandardCharsets.US_ASCII);
        LineReader lines = new LineReader("f", new TrickleStream(data, 512), RecordBoundary.LINE, 0, 1, 1000);
        assertThat(lines.advance(false)).isFalse();
        assertThat(lines.advance(true)).isTrue();
        assertThat(lines.recordTooLarge()).isTrue();
        assertThat(lines.recordLength()).isEqualTo(3000);
        assertThat(lines.offset()).isEqualTo(3000);
    }

    @Test
    void aLineExactlyAtTheLimitIsAccepted() throws IOException {
        byte[] data = ("x".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        LineReader lines = new LineReader("f", new TrickleStream(data, 7), RecordBoundary.LINE, 0, 1, 1000);
        assertThat(lines.advance(false)).isTrue();
        assertThat(lines.recordBytes()).hasSize(1000);
    }

    @Test
    void recordsSplitAcrossManySmallReadsAreReassembled() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("line-").append(i).append(i % 2 == 0 ? "\n" : "\r\n");
        }
        byte[] data = text.toString().getBytes(StandardCharsets.US_ASCII);
        LineReader lines = new LineReader("f", new TrickleStream(data, 3), RecordBoundary.LINE, 0, 1, 64);
        int count = 0;
        while (lines.advance(false)) {
            assertThat(new String(lines.recordBytes(), StandardCharsets.US_ASCII)).isEqualTo("line-" + count);
            count++;
        }
        assertThat(count).isEqualTo(5000);
        assertThat(lines.offset()).isEqualTo(data.length);
        assertThat(lines.line()).isEqualTo(5001);
        assertThat(lines.exhausted()).isTrue();
    }

    @Test
    void aSmallFileGetsABufferOfItsSizeAndTheUsualOneOtherwise() {
        assertThat(LineReader.initialBuffer(785, 1 << 20)).isEqualTo(786);
        assertThat(LineReader.initialBuffer(3, 1 << 20)).isEqualTo(256);
        assertThat(LineReader.initialBuffer(10_000_000, 1 << 20)).isEqualTo(64 * 1024);
        assertThat(LineReader.initialBuffer(-1, 1 << 20)).isEqualTo(64 * 1024); // unknown: a .gz file
        assertThat(LineReader.initialBuffer(10_000_000, 100)).isEqualTo(102); // never past the longest record
    }

    @Test
    void aReaderSizedForASmallFileReadsOnWhenTheFileHasGrownAndGrowsBackToTheUsualChunks() throws IOException {
        StringBuilder text = new StringBuilder("a\n");
        for (int i = 0; i < 3000; i++) {
            text.append("line-").append(i).append("-".repeat(i % 700)).append('\n');
        }
        byte[] data = text.toString().getBytes(StandardCharsets.US_ASCII);
        ReadSizes in = new ReadSizes(data);
        // sized when the file held only "a\n"; it has grown to ~1 MB since
        LineReader lines = new LineReader("f", in, RecordBoundary.LINE, 0, 1, 1 << 20, 2);
        assertThat(lines.advance(false)).isTrue();
        assertThat(new String(lines.recordBytes(), StandardCharsets.US_ASCII)).isEqualTo("a");
        long offset = 2;
        for (int i = 0; i < 3000; i++) {
            assertThat(lines.advance(false)).isTrue();
            String expected = "line-" + i + "-".repeat(i % 700);
            assertThat(new String(lines.recordBytes(), StandardCharsets.US_ASCII)).isEqualTo(expected);
            assertThat(lines.recordOffset()).isEqualTo(offset);
            offset += expected.length() + 1;
            assertThat(lines.offset()).isEqualTo(offset);
            assertThat(lines.recordCheck()).isEqualTo(
                    ResumeCheck.of(lines.recordOffset(), data, (int) lines.recordOffset(), expected.length() + 1));
        }
        assertThat(lines.advance(false)).isFalse();
        assertThat(lines.exhausted()).isTrue();
        assertThat(in.largest).isGreaterThan(60 * 1024); // not reads of a few hundred bytes to the end
    }

    @Test
    void aReaderFromTheStartHandsOutTheFirstBytesItReadUntilItMovesThem() throws IOException {
        byte[] data = "first\nsecond\n".repeat(8000).getBytes(StandardCharsets.US_ASCII);
        LineReader lines = new LineReader("f", new ByteArrayInputStream(data), RecordBoundary.LINE, 0, 1, 1 << 20,
                data.length + 100_000L); // a buffer as large as the usual one
        assertThat(lines.head(1024)).isEmpty(); // nothing read yet
        assertThat(lines.advance(false)).isTrue();
        assertThat(lines.head(1024)).isEqualTo(Arrays.copyOf(data, 1024));
        assertThat(lines.head(4)).isEqualTo(Arrays.copyOf(data, 4));
        while (lines.advance(false)) {
            // past the first 64 KiB the buffer is compacted: the first bytes are gone
        }
        assertThat(lines.head(1024)).isNull();

        LineReader later = new LineReader("f", new ByteArrayInputStream(data, 6, data.length - 6), RecordBoundary.LINE,
                6, 2, 1 << 20, data.length - 6);
        assertThat(later.advance(false)).isTrue();
        assertThat(later.head(1024)).isNull(); // it did not read the start
    }

    /** Hands out what is asked for, remembering the largest read asked for. */
    private static final class ReadSizes extends InputStream {
        private final byte[] data;
        private int pos;
        int largest;

        ReadSizes(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            largest = Math.max(largest, len);
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(len, data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** Hands out at most {@code chunk} bytes per read, like a pipe or a file being written. */
    private static final class TrickleStream extends InputStream {
        private final byte[] data;
        private final int chunk;
        private int pos;

        TrickleStream(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
