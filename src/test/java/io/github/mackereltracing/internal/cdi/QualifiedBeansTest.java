package io.github.mackereltracing.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that produces its own qualified Tracer (say, for auditing) still gets the library's
 * default one for a plain {@code @Inject Tracer}: a bean with a qualifier of its own (not just {@code @Named},
 * which keeps {@code @Default}) does not serve that injection point, so the extension must not step aside
 * for it (the deployment would fail on an unsatisfied dependency).
 */
@ExtendWith(WeldJunit5Extension.class)
class QualifiedBeansTest {
  /** Not the no-op singleton: tracing is off here, so the library's own Tracer is that singleton. */
  static final Tracer AUDIT = spanName -> OpenTelemetry.noop().getTracer("audit").spanBuilder(spanName);

  @WeldSetup
  WeldInitiator weld =
      WeldInitiator.from(
              WeldInitiator.createWeld()
                  .beanClasses(AuditTracerProducer.class, Client.class)
                  .addExtension(new TracingExtension()))
          .build();

  @Qualifier
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
  @interface Audit {}

  @ApplicationScoped
  static class AuditTracerProducer {
    @Produces
    @Audit
    Tracer auditTracer() {
      return AUDIT;
    }
  }

  @ApplicationScoped
  static class Client {
    @Inject Tracer tracer;
    @Inject @Audit Tracer audit;

    Tracer tracer() {
      return tracer;
    }

    Tracer audit() {
      return audit;
    }
  }

  @Inject Client client;

  @Test
  void aQualifiedTracerDoesNotReplaceTheDefaultOne() {
    assertThat(client.audit()).isSameAs(AUDIT);
    assertThat(client.tracer()).isNotNull().isNotSameAs(AUDIT);
  }
}
