/**
 * The HTTP and JSON plumbing of the providers and one class per host API; not exported.
 */
package dev.profiles.pullrequests.internal;
