package io.github.mackereltracing.example.messages;

import io.github.mackereltracing.example.books.BookStore;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;

/** Processes each order: looks the book up through the books EJB (its span and SQL are under this bean's). */
@JMSDestinationDefinition(name = OrderListener.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = "orders")
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = OrderListener.QUEUE),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class OrderListener implements MessageListener {
  static final String QUEUE = "java:app/jms/orders";
  private static final Logger LOG = Logger.getLogger(OrderListener.class.getName());

  @Inject BookStore books;

  @Override
  public void onMessage(Message message) {
    try {
      long bookId = Long.parseLong(((TextMessage) message).getText());
      LOG.info("Order for " + books.title(bookId));
    } catch (JMSException e) {
      throw new IllegalStateException(e);
    }
  }
}
