package io.github.schemafirst.connect.http.pagination;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.http.auth.OriginPolicy;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaginatorTest {
    private static final URI BASE = URI.create("https://api.example.com/items?since=5");
    private static final OriginPolicy SAME_ORIGIN = OriginPolicy.onlyOriginOf(BASE);

    private static Page page(URI uri, String body, int records, String... links) throws Exception {
        JsonNode json = body == null ? null : new ObjectMapper().readTree(body);
        return new Page(uri, json, List.of(links), records);
    }

    @Test
    void pageNumberCountsFromTheStartPageUntilAnEmptyPage() throws Exception {
        Paginator paginator = new PageNumberPaginator("page", 1, "size", 50);
        assertThat(paginator.pageUri(BASE, null)).hasToString(BASE + "&page=1&size=50");
        assertThat(paginator.next(null, page(BASE, "[1]", 1))).contains("2");
        assertThat(paginator.pageUri(BASE, "2")).hasToString(BASE + "&page=2&size=50");
        assertThat(paginator.next("2", page(BASE, "[]", 0))).isEmpty();
    }

    @Test
    void pageNumberWithoutSizeParameterSendsOnlyThePage() {
        assertThat(new PageNumberPaginator("p", 0, "", 10).pageUri(BASE, null)).hasToString(BASE + "&p=0");
    }

    @Test
    void offsetLimitAdvancesByRecordsReceived() throws Exception {
        Paginator paginator = new OffsetLimitPaginator("offset", "limit", 100);
        assertThat(paginator.pageUri(BASE, null)).hasToString(BASE + "&offset=0&limit=100");
        // the server capped the page at 40 records: the next page starts at 40, not 100
        assertThat(paginator.next(null, page(BASE, "[]", 40))).contains("40");
        assertThat(paginator.next("40", page(BASE, "[]", 0))).isEmpty();
    }

    @Test
    void cursorFollowsTheTokenUntilItIsMissingNullEmptyOrRepeated() throws Exception {
        Paginator paginator = new CursorPaginator(JsonPointer.compile("/meta/next"), "cursor");
        assertThat(paginator.pageUri(BASE, null)).isEqualTo(BASE);
        assertThat(paginator.next(null, page(BASE, "{\"meta\":{\"next\":\"abc\"}}", 3))).contains("abc");
        assertThat(paginator.pageUri(BASE, "abc")).hasToString(BASE + "&cursor=abc");
        assertThat(paginator.templateCursor("abc")).isEqualTo("abc");
        assertThat(paginator.templateCursor(null)).isEmpty();
        assertThat(paginator.next("abc", page(BASE, "{\"meta\":{}}", 3))).isEmpty();
        assertThat(paginator.next("abc", page(BASE, "{\"meta\":{\"next\":null}}", 3))).isEmpty();
        assertThat(paginator.next("abc", page(BASE, "{\"meta\":{\"next\":\"\"}}", 3))).isEmpty();
        assertThat(paginator.next("abc", page(BASE, "{\"meta\":{\"next\":\"abc\"}}", 3))).isEmpty();
        assertThat(paginator.next("abc", page(BASE, "{\"meta\":{\"next\":\"def\"}}", 0))).isEmpty();
    }

    @Test
    void cursorWithoutParameterOnlyFeedsTheTemplate() {
        Paginator paginator = new CursorPaginator(JsonPointer.compile("/next"), "");
        assertThat(paginator.pageUri(BASE, "abc")).isEqualTo(BASE);
    }

    @Test
    void nextUrlResolvesRelativeLinksAgainstTheRequest() throws Exception {
        Paginator paginator = new NextUrlPaginator(JsonPointer.compile("/links/next"), SAME_ORIGIN);
        URI second = URI.create("https://api.example.com/items?page=2");
        assertThat(paginator.next(null, page(BASE, "{\"links\":{\"next\":\"/items?page=2\"}}", 2)))
                .contains(second.toString());
        assertThat(paginator.pageUri(BASE, second.toString())).isEqualTo(second);
        assertThat(paginator.next(second.toString(), page(second, "{\"links\":{\"next\":null}}", 2))).isEmpty();
        assertThat(paginator.next(second.toString(),
                page(second, "{\"links\":{\"next\":\"" + second + "\"}}", 2))).isEmpty();
        assertThat(paginator.next(null, page(BASE, "{\"links\":{\"next\":\"ftp://x/y\"}}", 2))).isEmpty();
    }

    @Test
    void linkHeaderFollowsRelNext() throws Exception {
        Paginator paginator = new LinkHeaderPaginator(SAME_ORIGIN);
        assertThat(paginator.next(null, page(BASE, null, 1, "</items?page=2>; rel=\"next\"")))
                .contains("https://api.example.com/items?page=2");
        assertThat(paginator.next(null, page(BASE, null, 1, "</items?page=1>; rel=\"first\""))).isEmpty();
        assertThat(paginator.next(null, page(BASE, null, 0, "</items?page=2>; rel=\"next\""))).isEmpty();
    }
}
