/** Implementation details of the core module; not part of the API. */
package dev.profiles.core.internal;
