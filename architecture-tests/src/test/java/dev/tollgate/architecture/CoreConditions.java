package dev.tollgate.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;

/** The predicates and conditions behind {@link TollgateRules} that ArchUnit has no one-liner for. */
final class CoreConditions {

  private CoreConditions() {}

  /**
   * One forbidden call target: a method or constructor ({@code <init>}) of a JDK type. A null
   * {@code parameterTypes} means every overload; an empty list means only the no-argument one.
   */
  record ForbiddenTarget(String owner, String name, List<String> parameterTypes) {

    static ForbiddenTarget anyOverload(Class<?> owner, String name) {
      return new ForbiddenTarget(owner.getName(), name, null);
    }

    static ForbiddenTarget noArgs(Class<?> owner, String name) {
      return new ForbiddenTarget(owner.getName(), name, List.of());
    }

    boolean matches(AccessTarget target) {
      if (!target.getOwner().getName().equals(owner) || !target.getName().equals(name)) {
        return false;
      }
      if (parameterTypes == null) {
        return true;
      }
      return target instanceof AccessTarget.CodeUnitAccessTarget codeUnit
          && codeUnit.getRawParameterTypes().stream().map(JavaClass::getName).toList()
              .equals(parameterTypes);
    }

    @Override
    public String toString() {
      String simpleOwner = owner.substring(owner.lastIndexOf('.') + 1);
      String shownName = name.equals(JavaConstructor.CONSTRUCTOR_NAME)
          ? "new " + simpleOwner
          : simpleOwner + "." + name;
      return shownName + (parameterTypes == null ? "(..)" : "(" + String.join(", ", parameterTypes) + ")");
    }
  }

  /**
   * Every way the core could read the wall clock or the system's entropy. Time comes in as a
   * {@code now} parameter or from an injected {@code Clock}; randomness from an injected
   * {@code RandomGenerator}. Calls through an injected {@code Clock} ({@code clock.instant()}) are
   * not listed: the instance is what makes them testable.
   */
  static final List<ForbiddenTarget> SYSTEM_CLOCK_AND_ENTROPY = List.of(
      ForbiddenTarget.anyOverload(java.time.Instant.class, "now"),
      ForbiddenTarget.anyOverload(java.time.LocalDate.class, "now"),
      ForbiddenTarget.anyOverload(java.time.LocalDateTime.class, "now"),
      ForbiddenTarget.anyOverload(java.time.LocalTime.class, "now"),
      ForbiddenTarget.anyOverload(java.time.ZonedDateTime.class, "now"),
      ForbiddenTarget.anyOverload(java.time.OffsetDateTime.class, "now"),
      ForbiddenTarget.anyOverload(java.time.OffsetTime.class, "now"),
      ForbiddenTarget.anyOverload(java.time.Clock.class, "systemUTC"),
      ForbiddenTarget.anyOverload(java.time.Clock.class, "systemDefaultZone"),
      ForbiddenTarget.anyOverload(java.time.Clock.class, "system"),
      ForbiddenTarget.anyOverload(System.class, "currentTimeMillis"),
      ForbiddenTarget.anyOverload(System.class, "nanoTime"),
      ForbiddenTarget.anyOverload(java.util.UUID.class, "randomUUID"),
      // new Random(seed) is deterministic; only the self-seeding constructor reads entropy.
      ForbiddenTarget.noArgs(java.util.Random.class, JavaConstructor.CONSTRUCTOR_NAME),
      ForbiddenTarget.anyOverload(java.security.SecureRandom.class, JavaConstructor.CONSTRUCTOR_NAME),
      ForbiddenTarget.anyOverload(java.security.SecureRandom.class, "getInstance"),
      ForbiddenTarget.anyOverload(java.security.SecureRandom.class, "getInstanceStrong"),
      ForbiddenTarget.anyOverload(java.util.concurrent.ThreadLocalRandom.class, "current"),
      ForbiddenTarget.anyOverload(java.util.random.RandomGenerator.class, "getDefault"),
      ForbiddenTarget.anyOverload(Math.class, "random"),
      ForbiddenTarget.anyOverload(StrictMath.class, "random"));

  /**
   * The system clock and entropy sources a composition root makes once and hands out: outside the
   * core, the app may still measure elapsed time ({@code System.nanoTime()}) or stamp a log line,
   * but the {@code Clock} and the {@code RandomGenerator} the code runs on come from the root.
   */
  static final List<ForbiddenTarget> ROOT_OWNED_CLOCK_AND_ENTROPY = List.of(
      ForbiddenTarget.anyOverload(java.time.Clock.class, "systemUTC"),
      ForbiddenTarget.anyOverload(java.time.Clock.class, "systemDefaultZone"),
      ForbiddenTarget.anyOverload(java.time.Clock.class, "system"),
      ForbiddenTarget.noArgs(java.util.Random.class, JavaConstructor.CONSTRUCTOR_NAME),
      ForbiddenTarget.anyOverload(java.security.SecureRandom.class, JavaConstructor.CONSTRUCTOR_NAME),
      ForbiddenTarget.anyOverload(java.security.SecureRandom.class, "getInstance"),
      ForbiddenTarget.anyOverload(java.security.SecureRandom.class, "getInstanceStrong"),
      ForbiddenTarget.anyOverload(java.util.random.RandomGenerator.class, "getDefault"));

  /** Matches calls and method references ({@code Instant::now}) to any target in the list. */
  static DescribedPredicate<JavaAccess<?>> targetsAnyOf(List<ForbiddenTarget> forbidden) {
    return DescribedPredicate.describe(
        "the system clock or system entropy " + forbidden,
        access -> forbidden.stream().anyMatch(target -> target.matches(access.getTarget())));
  }

  private static final Set<String> FLOATING_POINT =
      Set.of("double", "float", Double.class.getName(), Float.class.getName());

  /**
   * Fields, parameters and return types must not involve a binary floating-point type, including
   * inside arrays and type arguments ({@code double[]}, {@code List<Double>}). Bytecode keeps no
   * local variable types, so this is a signature rule; it is the signatures that carry money.
   */
  static ArchCondition<JavaClass> declareNoFloatingPointInSignatures() {
    return new ArchCondition<>("declare no double, float, Double or Float field, parameter or return type") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        for (JavaField field : javaClass.getFields()) {
          reportFloatingPoint(events, field, field.getFullName(), "has type", field.getType());
        }
        for (JavaCodeUnit codeUnit : javaClass.getCodeUnits()) {
          List<JavaType> parameters = codeUnit.getParameterTypes();
          for (int i = 0; i < parameters.size(); i++) {
            String relation = "has parameter " + i + " of type";
            reportFloatingPoint(events, codeUnit, codeUnit.getFullName(), relation, parameters.get(i));
          }
          reportFloatingPoint(events, codeUnit, codeUnit.getFullName(), "returns", codeUnit.getReturnType());
        }
      }
    };
  }

  /** {@code java.lang.Double[]} rather than the binary name {@code [Ljava.lang.Double;}. */
  private static String readable(JavaType type) {
    if (type instanceof JavaClass javaClass && javaClass.isArray()) {
      return readable(javaClass.getComponentType()) + "[]";
    }
    return type.getName();
  }

  private static void reportFloatingPoint(
      ConditionEvents events, Object member, String memberName, String relation, JavaType type) {
    boolean floating = type.getAllInvolvedRawTypes().stream()
        .anyMatch(raw -> FLOATING_POINT.contains(raw.getName()));
    if (floating) {
      String message = "<" + memberName + "> " + relation + " <" + readable(type) + ">";
      events.add(SimpleConditionEvent.violated(member, message));
    }
  }

  /**
   * A method whose declared return type is {@code java.lang.Object} itself: what a caller must
   * cast. A type variable ({@code T value()} of a generic record) erases to Object in bytecode
   * but is typed where it is used, so it passes.
   */
  static ArchCondition<JavaMethod> notReturnPlainObject() {
    return new ArchCondition<>("not return java.lang.Object") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        if (method.getReturnType() instanceof JavaClass returned
            && returned.getName().equals(Object.class.getName())) {
          events.add(SimpleConditionEvent.violated(method,
              "<" + method.getFullName() + "> returns java.lang.Object"));
        }
      }
    };
  }
}
