/**
 * Jakarta Messaging: a REST resource sends an order to a queue through the injected {@code JMSContext}, and a
 * message-driven bean processes it with the books EJB. Traced with no code of the application's: the send is
 * a PRODUCER span, the trace context travels in the message, and {@code onMessage} is a CONSUMER span of the
 * same trace, with the EJB's span and its SQL below it.
 *
 * <p>Only in {@code example-messaging.war} (the servers with a message broker: WildFly's
 * {@code standalone-full.xml}, Open Liberty with its messaging features): {@code example.war} leaves this
 * package out, since a message-driven bean fails the deployment where no broker is.
 */
package io.github.mackereltracing.example.messages;
