package io.github.mackereltracing.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForwardedTest {
  @Test
  void readsTheFirstElementOfAForwardedHeader() {
    String header = "for=\"[2001:db8::1]:4711\";proto=https;host=shop.example.com:8443, for=10.0.0.1";
    assertThat(Forwarded.nodeAddress(Forwarded.param(header, "for"))).isEqualTo("2001:db8::1");
    assertThat(Forwarded.param(header, "proto")).isEqualTo("https");
    String host = Forwarded.param(header, "host");
    assertThat(Forwarded.hostOf(host)).isEqualTo("shop.example.com");
    assertThat(Forwarded.portOf(host)).isEqualTo(8443);
    assertThat(Forwarded.param(header, "by")).isNull();
  }

  @Test
  void readsXForwardedLists() {
    assertThat(Forwarded.nodeAddress(Forwarded.first(" 203.0.113.7 , 10.0.0.2"))).isEqualTo("203.0.113.7");
    assertThat(Forwarded.nodeAddress("192.0.2.1:80")).isEqualTo("192.0.2.1");
    assertThat(Forwarded.nodeAddress("2001:db8::2")).isEqualTo("2001:db8::2");
    assertThat(Forwarded.nodeAddress("unknown")).isNull();
    assertThat(Forwarded.nodeAddress("_hidden")).isNull();
    assertThat(Forwarded.portOf("example.com")).isEqualTo(-1);
    assertThat(Forwarded.portOf("example.com:x")).isEqualTo(-1);
  }
}
