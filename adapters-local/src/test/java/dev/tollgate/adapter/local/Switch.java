package dev.tollgate.adapter.local;

import dev.tollgate.port.out.StoreUnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/** Any store port behind a switch the test turns off like a cut connection. */
final class Switch {

  final AtomicBoolean down = new AtomicBoolean();
  /** Calls time out (a slow store) instead of failing on a lost connection. */
  final AtomicBoolean timeout = new AtomicBoolean();

  /** What a client library's timeout looks like to the failover. */
  static final class CallTimeoutException extends RuntimeException {
    CallTimeoutException() {
      super("timed out");
    }
  }

  <T> T over(Class<T> port, T store) {
    return over(port, new java.util.concurrent.atomic.AtomicReference<>(store));
  }

  /** Over whatever {@code store} holds at each call: a test swaps in an empty one (a restart). */
  <T> T over(Class<T> port, java.util.concurrent.atomic.AtomicReference<T> current) {
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(current.get(), args);
          }
          if (down.get()) {
            throw new StoreUnavailableException("cut off by the test");
          }
          if (timeout.get()) {
            throw new StoreUnavailableException("slow", new CallTimeoutException());
          }
          try {
            return method.invoke(current.get(), args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }));
  }
}
