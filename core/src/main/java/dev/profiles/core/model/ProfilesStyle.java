package dev.profiles.core.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the project: builders named after the model type, no Guava, no
 * nulls, singular adders for lists ({@code addArtifact}), {@code with*} copies.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    typeImmutable = "Immutable*",
    jdkOnly = true,
    depluralize = true,
    depluralizeDictionary = {"prerequisite:prerequisites", "dependsOn:dependsOn"},
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    defaults = @Value.Immutable(copy = true))
public @interface ProfilesStyle {}
