package io.github.schemafirst.connect.file.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FileFormatTest {

    @Test
    void configValuesRoundTrip() {
        assertThat(FileFormat.configValues()).containsExactly("jsonl", "json-array", "csv", "lines");
        for (FileFormat format : FileFormat.values()) {
            assertThat(FileFormat.fromConfigValue(" " + format.configValue().toUpperCase() + " ")).isEqualTo(format);
        }
    }

    @Test
    void anUnknownValueNamesTheAllowedOnes() {
        assertThatThrownBy(() -> FileFormat.fromConfigValue("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown file format 'xml': expected one of [jsonl, json-array, csv, lines]");
    }

    @Test
    void csvOptionsRejectCharactersTheRowSplitterCannotScanFor() {
        assertThatThrownBy(() -> CsvOptions.defaults().withDelimiter('\n'))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delimiter");
        assertThatThrownBy(() -> CsvOptions.defaults().withQuote('§'))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quote");
        assertThatThrownBy(() -> CsvOptions.defaults().withDelimiter('"'))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
        assertThat(CsvOptions.defaults().withDelimiter(';').delimiter()).isEqualTo(';');
    }
}
