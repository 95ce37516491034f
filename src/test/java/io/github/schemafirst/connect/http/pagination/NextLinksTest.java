package io.github.schemafirst.connect.http.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.http.auth.Origin;
import io.github.schemafirst.connect.http.auth.OriginPolicy;
import io.github.schemafirst.connect.http.auth.Secrets;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** Where next-url and link-header links may lead, and what of them may be stored as a page token. */
class NextLinksTest {
    private static final String KEY = "key-value-0001";
    private static final URI BASE = URI.create("https://api.example.com/items?since=5");
    private static final Origin API = Origin.parse("https://api.example.com");
    private static final Origin CDN = Origin.parse("https://cdn.example.com");

    private final Secrets secrets = new Secrets(List.of(KEY), "api_key");

    private Paginator nextUrl(Set<Origin> allowed) {
        return new NextUrlPaginator(JsonPointer.compile("/next"), OriginPolicy.of(Set.of(API), allowed, secrets));
    }

    private static Page page(URI uri, String next) throws Exception {
        return new Page(uri, new ObjectMapper().readTree("{\"next\":\"" + next + "\"}"), List.of(), 1);
    }

    @Test
    void aLinkToAnotherOriginIsRefusedWhenItWouldBeRequestedNamingTheKeyThatAllowsIt() throws Exception {
        Paginator paginator = nextUrl(Set.of());
        String token = paginator.next(null, page(BASE, "https://cdn.example.com/page2?api_key=" + KEY)).orElseThrow();
        // the page holding the link is delivered first: the refusal comes when the link is to be followed
        assertThat(token).isEqualTo("https://cdn.example.com/page2");
        assertThatThrownBy(() -> paginator.pageUri(BASE, token)).isInstanceOf(ConnectException.class)
                .hasMessage("Refusing the next-page link https://cdn.example.com/page2 of " + BASE + ": it leads to "
                        + "https://cdn.example.com, which is neither the origin of an endpoint "
                        + "(https://api.example.com) nor in http.allowed.origins. To follow it, add "
                        + "https://cdn.example.com to http.allowed.origins (requests there carry no credentials).");
        assertThatThrownBy(() -> paginator.pageUri(BASE, "https://api.example.com:8443/items"))
                .hasMessageContaining("it leads to https://api.example.com:8443");
    }

    @Test
    void anAllowedOriginIsFollowed() {
        assertThat(nextUrl(Set.of(CDN)).pageUri(BASE, "https://cdn.example.com/page2"))
                .isEqualTo(URI.create("https://cdn.example.com/page2"));
        assertThat(nextUrl(Set.of()).pageUri(BASE, "https://API.example.com:443/items?page=2"))
                .isEqualTo(URI.create("https://API.example.com:443/items?page=2"));
    }

    @Test
    void aLinkFromHttpsToHttpIsRefusedEvenToTheSameHostOrAnAllowedOrigin() throws Exception {
        Paginator paginator = nextUrl(Set.of(Origin.parse("http://api.example.com")));
        assertThatThrownBy(() -> paginator.next(null, page(BASE, "http://api.example.com/items?page=2")))
                .isInstanceOf(ConnectException.class)
                .hasMessage("Refusing the next-page link http://api.example.com/items?page=2 from " + BASE
                        + ": it leads from https to http");
        // a stored token (older offsets, or written with the REST API) is checked against the endpoint
        assertThatThrownBy(() -> paginator.pageUri(BASE, "http://api.example.com/items?page=2"))
                .hasMessageContaining("it leads from https to http");
    }

    @Test
    void secretsEchoedInLinksNeverReachThePageToken() throws Exception {
        Paginator paginator = nextUrl(Set.of());
        // by the API key's parameter name, and by value under any other name
        assertThat(paginator.next(null, page(BASE, "/items?api_key=" + KEY + "&page=2&sig=" + KEY)))
                .contains("https://api.example.com/items?page=2");
        // an OAuth2 token fetched at run time, echoed back
        secrets.addToken("access-token-0042");
        assertThat(paginator.next(null, page(BASE, "/items?page=3&access_token=access-token-0042")))
                .contains("https://api.example.com/items?page=3");
        // a token stored before the connector stripped links loses its secret before it is requested
        assertThat(paginator.pageUri(BASE, "https://api.example.com/items?page=4&api_key=" + KEY))
                .isEqualTo(URI.create("https://api.example.com/items?page=4"));
    }

    @Test
    void aLinkHoldingASecretOutsideItsQueryIsRefusedMasked() {
        Paginator paginator = nextUrl(Set.of());
        assertThatThrownBy(() -> paginator.next(null, page(BASE, "/keys/" + KEY + "/items?page=2")))
                .isInstanceOf(ConnectException.class)
                .hasMessage("Refusing the next-page link https://api.example.com/keys/****/items?page=2 from " + BASE
                        + ": it holds a secret of this connector outside its query string, and the link would be "
                        + "stored in the source offsets");
    }

    @Test
    void linkHeadersFollowTheSameRules() throws Exception {
        Paginator paginator = new LinkHeaderPaginator(OriginPolicy.of(Set.of(API), Set.of(), secrets));
        Page page = new Page(BASE, null, List.of("<https://cdn.example.com/p2?api_key=" + KEY + ">; rel=\"next\""), 1);
        String token = paginator.next(null, page).orElseThrow();
        assertThat(token).isEqualTo("https://cdn.example.com/p2");
        assertThatThrownBy(() -> paginator.pageUri(BASE, token)).hasMessageContaining("http.allowed.origins");
    }
}
