package fish.payara.standin;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ServiceConfigurationError;

/**
 * Stands in for Payara's MicroProfile Telemetry extension (its package is what names the server): it adds
 * an OpenTelemetry bean of Payara's own copy of the API and, switched on, fails the deployment while
 * validating it, as Payara's SDK does with a WAR that carries OpenTelemetry's SDK plug-ins.
 */
public final class PayaraTelemetryStandIn implements Extension {
  static final ClassLoader PAYARA_API = new URLClassLoader(
      new URL[] {jarOf(OpenTelemetry.class), jarOf(Context.class)}, ClassLoader.getPlatformClassLoader());

  void addBeans(@Observes AfterBeanDiscovery event) throws ClassNotFoundException {
    Class<?> theirs = Class.forName("io.opentelemetry.api.OpenTelemetry", false, PAYARA_API);
    event.addBean().types(theirs, Object.class).scope(Dependent.class).beanClass(PayaraTelemetryStandIn.class)
        .createWith(context -> null);
  }

  void initializeOpenTelemetry(@Observes AfterDeploymentValidation event) {
    if ("false".equals(System.getProperty("otel.sdk.disabled"))) {
      throw new ServiceConfigurationError("io.opentelemetry.sdk.autoconfigure.spi.ResourceProvider:"
          + " io.opentelemetry.sdk.autoconfigure.ServiceInstanceIdResourceProvider not a subtype");
    }
  }

  private static URL jarOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
