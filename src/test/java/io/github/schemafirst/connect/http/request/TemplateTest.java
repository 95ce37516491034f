package io.github.schemafirst.connect.http.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void rendersPlaceholdersPercentEncodedInUrls() {
        Template template = Template.parse("https://api.example.com/x?since={{incremental}}&c={{ cursor }}");
        String url = template.render(Map.of("incremental", "2024-01-01T00:00:00Z", "cursor", "a b/c"), Escaping.URL);
        assertThat(url).isEqualTo("https://api.example.com/x?since=2024-01-01T00%3A00%3A00Z&c=a%20b%2Fc");
    }

    @Test
    void missingValuesRenderEmpty() {
        assertThat(Template.parse("https://h/x?since={{incremental}}").render(Map.of(), Escaping.URL))
                .isEqualTo("https://h/x?since=");
    }

    @Test
    void bodyValuesAreJsonStringEscaped() {
        Template body = Template.parse("{\"since\": \"{{incremental}}\"}");
        assertThat(body.render(Map.of("incremental", "a\"b\\c\n"), Escaping.JSON))
                .isEqualTo("{\"since\": \"a\\\"b\\\\c\\n\"}");
    }

    @Test
    void leavesConnectConfigProviderSyntaxAlone() {
        Template template = Template.parse("https://h/${file:/secrets:path}/x");
        assertThat(template.placeholders()).isEmpty();
        assertThat(template.render(Map.of(), Escaping.URL)).isEqualTo("https://h/${file:/secrets:path}/x");
    }

    @Test
    void fillsOnePlaceholderAndKeepsTheOthers() {
        Template filled = Template.parse("https://h/{{value}}/items?since={{incremental}}")
                .fill(Template.VALUE, "eu west", Escaping.URL);
        assertThat(filled.text()).isEqualTo("https://h/eu%20west/items?since={{incremental}}");
        assertThat(filled.placeholders()).containsExactly("incremental");
    }

    @Test
    void rejectsUnknownAndUnterminatedPlaceholders() {
        assertThatThrownBy(() -> Template.parse("https://h/{{offset}}"))
                .hasMessageContaining("unknown placeholder {{offset}}");
        assertThatThrownBy(() -> Template.parse("https://h/{{incremental"))
                .hasMessageContaining("unterminated placeholder");
    }
}
