/**
 * Implementation of the catalog controller: Secret credentials for the scanner, the status it
 * writes, metrics, health, and the runnable main.
 */
package dev.profiles.catalog.controller.internal;
