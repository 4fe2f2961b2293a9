package io.github.mackereltracing.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlRedactionTest {
  @Test
  void redactsValuesOfSensitiveParametersAndKeepsTheirNames() {
    assertThat(UrlRedaction.redactQuery("q=shoes&password=hunter2&page=2&access_token=abc&sig=x1"))
        .isEqualTo("q=shoes&password=REDACTED&page=2&access_token=REDACTED&sig=REDACTED");
  }

  @Test
  void matchesTheConventionsNamesAndOursWhateverTheirCase() {
    assertThat(UrlRedaction.redactQuery(
            "AWSAccessKeyId=A&Signature=B&X-Goog-Signature=C&X-Amz-Signature=D&Api_Key=E&apikey=F&key=G&pwd=H"
                + "&passwd=I&client_secret=J&X-Amz-Credential=K&Password=L"))
        .isEqualTo("AWSAccessKeyId=REDACTED&Signature=REDACTED&X-Goog-Signature=REDACTED&X-Amz-Signature=REDACTED"
            + "&Api_Key=REDACTED&apikey=REDACTED&key=REDACTED&pwd=REDACTED&passwd=REDACTED"
            + "&client_secret=REDACTED&X-Amz-Credential=REDACTED&Password=REDACTED");
  }

  @Test
  void leavesHarmlessQueriesUntouchedWithoutCopying() {
    String query = "monkey=1&keyboard=2&q=token-free&flag&=x";
    assertThat(UrlRedaction.redactQuery(query)).isSameAs(query);
    assertThat(UrlRedaction.redactQuery(null)).isNull();
  }

  @Test
  void emptyValuesAndBareNamesStayAsTheyAre() {
    assertThat(UrlRedaction.redactQuery("password=&token")).isEqualTo("password=&token");
  }

  @Test
  void redactsSessionIdsInPathParameters() {
    assertThat(UrlRedaction.redactPath("/shop/cart;jsessionid=ABC123;v=1/items"))
        .isEqualTo("/shop/cart;jsessionid=REDACTED;v=1/items");
    assertThat(UrlRedaction.redactPath("/shop/x;JSESSIONID=abc")).isEqualTo("/shop/x;JSESSIONID=REDACTED");
    String plain = "/shop/items";
    assertThat(UrlRedaction.redactPath(plain)).isSameAs(plain);
  }

  @Test
  void clientUrlsLoseTheirUserInfoAndSecrets() {
    assertThat(UrlRedaction.redactUrl(URI.create("https://bob:s3cret@api.example.com:8443/v1/x?token=t&q=1#top")))
        .isEqualTo("https://REDACTED:REDACTED@api.example.com:8443/v1/x?token=REDACTED&q=1#top");
    assertThat(UrlRedaction.redactUrl(URI.create("http://bob@example.com/a"))).isEqualTo("http://REDACTED@example.com/a");
    assertThat(UrlRedaction.redactUrl(URI.create("http://example.com/a?q=1"))).isEqualTo("http://example.com/a?q=1");
  }
}
