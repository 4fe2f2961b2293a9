package io.github.mackereltracing.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Recognising a server's MicroProfile Telemetry beans and settings, and the line that says what to do. */
class ServerMpTelemetryTest {
  static final ClassLoader SERVER_API = new URLClassLoader(
      new URL[] {jarOf(OpenTelemetry.class), jarOf(Context.class)}, ClassLoader.getPlatformClassLoader());

  @Test
  void aBeanOfAnotherCopyOfTheApiIsTheServers() throws Exception {
    Class<?> theirs = Class.forName("io.opentelemetry.api.trace.Tracer", false, SERVER_API);

    assertThat(ServerMpTelemetry.isServerBean(Set.<Type>of(theirs, Object.class), ServerMpTelemetryTest.class)).isTrue();
  }

  @Test
  void aBeanOfOurCopyIsTheApplicationsUnlessAServerDeclaresIt() {
    assertThat(ServerMpTelemetry.isServerBean(Set.<Type>of(OpenTelemetry.class, Object.class), ServerMpTelemetryTest.class))
        .as("the application's own producer").isFalse();
    assertThat(ServerMpTelemetry.isServerBean(Set.<Type>of(String.class, Object.class), ServerMpTelemetryTest.class))
        .isFalse();
  }

  @Test
  void theServerIsNamedFromItsBeansPackage() {
    assertThat(ServerMpTelemetry.server("io.openliberty.microprofile.telemetry.internal.cdi.OpenTelemetryProducer"))
        .isEqualTo("Open Liberty");
    assertThat(ServerMpTelemetry.server("fish.payara.microprofile.telemetry.tracing.OpenTelemetryTracerProducer"))
        .isEqualTo("Payara");
    assertThat(ServerMpTelemetry.server("io.smallrye.opentelemetry.implementation.cdi.OpenTelemetryProducer"))
        .isEqualTo("SmallRye OpenTelemetry");
    assertThat(ServerMpTelemetry.server("com.example.TelemetryProducer")).isNull();
  }

  @Test
  void onlyOtelSdkDisabledFalseSwitchesTheServersSdkOn() {
    assertThat(ServerMpTelemetry.switchedOn(Map.of("otel.sdk.disabled", "false"))).isTrue();
    assertThat(ServerMpTelemetry.switchedOn(Map.of("otel.sdk.disabled", " FALSE "))).isTrue();
    assertThat(ServerMpTelemetry.switchedOn(Map.of("otel.sdk.disabled", "true"))).isFalse();
    assertThat(ServerMpTelemetry.switchedOn(Map.of("mackerel.api-key", "k"))).isFalse();
    assertThat(ServerMpTelemetry.switchedOn(Map.of())).isFalse();
  }

  @Test
  void theLineNamesTheServerAndBothWaysOut() {
    String line = ServerMpTelemetry.stepAsideMessage(
        "shop", "io.openliberty.microprofile.telemetry.internal.cdi.OpenTelemetryProducer", null);

    assertThat(line).startsWith("Mackerel tracing steps aside for deployment 'shop': Open Liberty's own")
        .contains("remove otel.sdk.disabled=false and set MACKEREL_API_KEY")
        .contains("otel.exporter.otlp.traces.endpoint=https://otlp-vaxila.mackerelio.com/v1/traces")
        .doesNotContain("\n");
    assertThat(ServerMpTelemetry.stepAsideMessage("shop", "com.example.Producer", "Acme Server/1.0"))
        .contains("Acme Server/1.0's own");
  }

  @Test
  void onPayaraTheLineSaysItsSdkWillFailTheDeploymentAndHowToChoose() {
    String line = ServerMpTelemetry.stepAsideMessage(
        "jakarta-application", "fish.payara.microprofile.telemetry.tracing.OpenTelemetryTracerProducer", null);

    assertThat(ServerMpTelemetry.failsWarsWithTheSdk("fish.payara.microprofile.telemetry.tracing.OpenTelemetryTracerProducer"))
        .isTrue();
    assertThat(ServerMpTelemetry.failsWarsWithTheSdk("io.openliberty.microprofile.telemetry.internal.common.cdi.OpenTelemetryProducer"))
        .isFalse();
    assertThat(line).contains("Payara's SDK is about to fail this deployment (\"CDI deployment failure:null\")",
        "remove otel.sdk.disabled=false and set MACKEREL_API_KEY",
        "remove this library and the OpenTelemetry SDK jars from the WAR",
        "otel.exporter.otlp.traces.headers=Mackerel-Api-Key=<your key>,Accept=*/*");
  }

  private static URL jarOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
