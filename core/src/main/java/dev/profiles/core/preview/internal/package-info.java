/**
 * How a preview is computed: manifests read into objects, the two sides of the repository, the
 * field diff, the risk rules, Secret masking and the text, Markdown and JSON forms. Not
 * exported; the API is {@link dev.profiles.core.preview}.
 */
package dev.profiles.core.preview.internal;
