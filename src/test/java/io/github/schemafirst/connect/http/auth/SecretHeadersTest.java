package io.github.schemafirst.connect.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.http.request.Header;
import org.junit.jupiter.api.Test;

class SecretHeadersTest {

    @Test
    void itemsAreSeparatedByCommasOrNewLinesAndValuesKeepTheirCommas() {
        assertThat(SecretHeaders.parse("X-Api-Secret: s1,X-Tenant-Key : a,b, c\nX-Third: t"))
                .extracting(Header::name, Header::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("X-Api-Secret", "s1"),
                        org.assertj.core.groups.Tuple.tuple("X-Tenant-Key", "a,b, c"),
                        org.assertj.core.groups.Tuple.tuple("X-Third", "t"));
        assertThat(SecretHeaders.parse("")).isEmpty();
        assertThat(SecretHeaders.parse("X-A: v,")).extracting(Header::value).containsExactly("v");
    }

    @Test
    void anItemWithoutANameIsAnErrorThatDoesNotQuoteTheValue() {
        assertThatThrownBy(() -> SecretHeaders.parse("just-the-secret-value"))
                .hasMessage("item 1: expected 'Name: value' (the value is not shown: it is a secret)");
        assertThatThrownBy(() -> SecretHeaders.parse("X-A: v\nsecret-on-its-own-line"))
                .hasMessageStartingWith("item 2:").satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-on"));
    }
}
