package io.github.mackereltracing.internal.jms;

import static io.github.mackereltracing.testing.InMemoryTracing.finishedSpans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.internal.cdi.TracingExtension;
import io.github.mackereltracing.internal.runtime.DeploymentTracing;
import io.github.mackereltracing.internal.runtime.Deployments;
import io.github.mackereltracing.testing.InMemoryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Messages sent through what the container injects ({@code @Inject JMSContext}, {@code @Resource
 * ConnectionFactory}) to a real broker (ActiveMQ Artemis, embedded, in-VM) are PRODUCER spans whose context
 * travels in the message; a message-driven bean's {@code onMessage} continues it as a CONSUMER span.
 */
@EnableWeld
@ExtendWith(InMemoryTracing.class)
class MessagingSpansTest {
  private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  private static EmbeddedActiveMQ broker;
  private static ActiveMQConnectionFactory serverFactory;

  @WeldSetup
  WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
          .beanClasses(Orders.class, ContextProducer.class, OrderListener.class)
          .addExtension(new TracingExtension())
          .addExtension(new MessagingExtension()))
      .bindResource("java:app/jms/cf", serverFactory)
      .build();

  @BeforeAll
  static void startBroker() throws Exception {
    // A deployment an earlier test class left registered for this class loader (seen once in the whole
    // suite: the first container here found it, with tracing not recording) would serve the first test.
    DeploymentTracing left = Deployments.current();
    if (left != null) {
      Deployments.undeploy(left);
    }
    broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
        .setPersistenceEnabled(false).setSecurityEnabled(false).addAcceptorConfiguration("in-vm", "vm://0"));
    broker.start();
    serverFactory = new ActiveMQConnectionFactory("vm://0");
  }

  @AfterAll
  static void stopBroker() throws Exception {
    serverFactory.close();
    broker.stop();
  }

  /** The container's JMSContext, as a server's CDI hands it out. */
  @Dependent
  static class ContextProducer {
    @Produces
    JMSContext context() {
      return serverFactory.createContext();
    }

    void close(@Disposes JMSContext context) {
      context.close();
    }
  }

  @Dependent // its fields are read directly here, which a client proxy would not show
  static class Orders {
    @Inject JMSContext context;

    @Resource(lookup = "java:app/jms/cf")
    ConnectionFactory factory;

    void sendWithContext(String queue, String text) {
      context.createProducer().setProperty("kind", "order").send(context.createQueue(queue), text);
    }

    void sendMapWithContext(String queue) {
      context.createProducer().send(context.createQueue(queue), Map.of("id", 7));
    }

    void sendWithProducer(String queue, String text) throws Exception {
      try (Connection connection = factory.createConnection()) {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        producer.send(session.createTextMessage(text));
      }
    }
  }

  @MessageDriven
  @Dependent // a plain bean in this test, where no EJB container is
  static class OrderListener implements MessageListener {
    static Span current;

    @Override
    public void onMessage(Message message) {
      current = Span.current();
      try {
        if ("fail".equals(((TextMessage) message).getText())) {
          throw new IllegalStateException("no such order");
        }
      } catch (jakarta.jms.JMSException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void aSendThroughAnInjectedJmsContextIsAProducerSpanWhoseContextTheMessageCarries() throws Exception {
    Orders orders = weld.select(Orders.class).get();
    Span request = inRequest(() -> {
      orders.sendWithContext("orders", "one book");
      return Span.current();
    });

    Message received = receive("orders");
    SpanData send = single(SpanKind.PRODUCER);
    assertThat(send.getName()).isEqualTo("send orders");
    assertThat(send.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    assertThat(send.getAttributes().asMap()).containsEntry(AttributeKey.stringKey("messaging.system"), "jms")
        .containsEntry(AttributeKey.stringKey("messaging.operation.type"), "send")
        .containsEntry(DESTINATION, "orders")
        .containsEntry(AttributeKey.stringKey("messaging.message.id"), received.getJMSMessageID());
    assertThat(received.getStringProperty("traceparent"))
        .startsWith("00-" + send.getTraceId() + "-" + send.getSpanId() + "-");
    assertThat(((TextMessage) received).getText()).isEqualTo("one book");
    assertThat(received.getStringProperty("kind")).as("the producer's own properties still apply").isEqualTo("order");
  }

  @Test
  void aMapBodyArrivesAsTheMapMessageTheSpecificationSays() throws Exception {
    Orders orders = weld.select(Orders.class).get();
    inRequest(() -> {
      orders.sendMapWithContext("maps");
      return null;
    });

    Message received = receive("maps");
    assertThat(received).isInstanceOf(jakarta.jms.MapMessage.class);
    assertThat(((jakarta.jms.MapMessage) received).getInt("id")).isEqualTo(7);
    assertThat(received.getStringProperty("traceparent")).contains(single(SpanKind.PRODUCER).getSpanId());
  }

  @Test
  void aMessageProducerOfAnInjectedConnectionFactoryIsTracedAndTheFactoryKeepsItsApiInterfaces() throws Exception {
    Orders orders = weld.select(Orders.class).get();
    assertThat(orders.factory).as("Artemis' factory is an XAConnectionFactory too")
        .isInstanceOf(XAConnectionFactory.class).isNotSameAs(serverFactory);
    inRequest(() -> {
      orders.sendWithProducer("invoices", "invoice 12");
      return null;
    });

    Message received = receive("invoices");
    SpanData send = single(SpanKind.PRODUCER);
    assertThat(send.getName()).isEqualTo("send invoices");
    assertThat(received.getStringProperty("traceparent")).contains(send.getSpanId());
  }

  @Test
  void aTemporaryQueueDoesNotNameTheSpan() throws Exception {
    Orders orders = weld.select(Orders.class).get();
    inRequest(() -> {
      try (Connection connection = orders.factory.createConnection()) {
        Session session = connection.createSession();
        Destination replies = session.createTemporaryQueue();
        session.createProducer(replies).send(session.createTextMessage("reply"));
      }
      return null;
    });

    SpanData send = single(SpanKind.PRODUCER);
    assertThat(send.getName()).isEqualTo("send");
    assertThat(send.getAttributes().get(AttributeKey.booleanKey("messaging.destination.temporary"))).isTrue();
    assertThat(send.getAttributes().get(DESTINATION)).isNull();
  }

  @Test
  void aSendOutsideAnyTraceMakesNoSpanAndCarriesNoContext() throws Exception {
    weld.select(Orders.class).get().sendWithContext("untraced", "quiet");

    assertThat(receive("untraced").propertyExists("traceparent")).isFalse();
    assertThat(finishedSpans()).isEmpty();
  }

  @Test
  void onMessageOfAMessageDrivenBeanIsAConsumerSpanThatContinuesTheSendersTrace() throws Exception {
    Orders orders = weld.select(Orders.class).get();
    inRequest(() -> {
      orders.sendWithContext("orders", "two books");
      return null;
    });
    Message received = receive("orders");
    SpanData send = single(SpanKind.PRODUCER);

    weld.select(OrderListener.class).get().onMessage(received);

    SpanData process = single(SpanKind.CONSUMER);
    assertThat(process.getName()).isEqualTo("process orders");
    assertThat(process.getTraceId()).isEqualTo(send.getTraceId());
    assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
    assertThat(process.getLinks()).singleElement()
        .satisfies(link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(send.getSpanId()));
    assertThat(process.getAttributes().get(AttributeKey.stringKey("messaging.operation.type"))).isEqualTo("process");
    assertThat(OrderListener.current.getSpanContext().getSpanId()).as("current in onMessage").isEqualTo(process.getSpanId());
  }

  @Test
  void aMessageWithoutContextStartsATraceAndTheBeansExceptionReachesTheContainerUnchanged() throws Exception {
    weld.select(Orders.class).get().sendWithContext("failing", "fail");
    Message received = receive("failing");
    OrderListener listener = weld.select(OrderListener.class).get();

    assertThatThrownBy(() -> listener.onMessage(received))
        .isExactlyInstanceOf(IllegalStateException.class).hasMessage("no such order");

    SpanData process = single(SpanKind.CONSUMER);
    assertThat(process.getParentSpanContext().isValid()).isFalse();
    assertThat(process.getLinks()).isEmpty();
    assertThat(process.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
  }

  @Test
  void propagatorFieldsBecomeJavaIdentifiersAsTheOpenTelemetryAgentWritesThem() {
    assertThat(MessageProperties.propertyName("traceparent")).isEqualTo("traceparent");
    assertThat(MessageProperties.propertyName("X-B3-TraceId")).isEqualTo("X__dash__B3__dash__TraceId");
    assertThat(MessageProperties.fieldName("X__dash__B3__dash__TraceId")).isEqualTo("X-B3-TraceId");
  }

  private static <T> T inRequest(Callable<T> work) throws Exception {
    Span request = MackerelTracing.openTelemetry().getTracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      return work.call();
    } finally {
      request.end();
    }
  }

  interface Callable<T> {
    T call() throws Exception;
  }

  /** The next message on {@code queue}, read with the broker's own (untraced) client. */
  private static Message receive(String queue) {
    try (JMSContext context = serverFactory.createContext();
        JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
      Message message = consumer.receive(5000);
      assertThat(message).as("a message on " + queue).isNotNull();
      return message;
    }
  }

  private static SpanData single(SpanKind kind) {
    List<SpanData> spans = finishedSpans().stream().filter(s -> s.getKind() == kind).toList();
    assertThat(spans).as(kind + " spans").hasSize(1);
    return spans.get(0);
  }
}
