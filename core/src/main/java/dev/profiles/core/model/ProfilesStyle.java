package dev.profiles.core.model;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.internal.NullValueException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the project: builders named after the model type, no Guava, no
 * nulls, singular adders for lists ({@code addArtifact}), {@code with*} copies.
 *
 * <p>A builder missing a required field, or given a null, throws the SDK's one documented
 * unchecked exception, {@link ProfilesConfigurationException}, not Immutables' {@code
 * IllegalStateException} or a {@code NullPointerException}: callers catch one type for every
 * invalid value given in code.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    typeImmutable = "Immutable*",
    jdkOnly = true,
    depluralize = true,
    depluralizeDictionary = {"prerequisite:prerequisites", "dependsOn:dependsOn"},
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = true),
    throwForInvalidImmutableState = ProfilesConfigurationException.class,
    throwForNullPointer = NullValueException.class)
public @interface ProfilesStyle {}
