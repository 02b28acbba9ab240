/** Whole-process benchmark of the catalog controller against kubernetes-server-mock. */
package dev.profiles.benchmarks.controller;
