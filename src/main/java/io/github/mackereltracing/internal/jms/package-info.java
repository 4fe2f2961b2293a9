/**
 * Internal: not API. Jakarta Messaging spans: a PRODUCER span for each message sent through an injected
 * {@code JMSContext} or {@code ConnectionFactory}, the trace context carried in the message's properties, and
 * a CONSUMER span for each {@code onMessage} of a message-driven bean. Loaded only where the deployment sees
 * the Jakarta Messaging API ({@link io.github.mackereltracing.internal.jms.Messaging#visibleTo}).
 *
 * <p>Non-null by default: {@code @Nullable} marks where a null is real.
 */
@NonNullByDefault
package io.github.mackereltracing.internal.jms;

import io.github.mackereltracing.internal.NonNullByDefault;
