/**
 * The code that README.md, README.ja.md and docs/*.md show: every Java, XML and properties snippet there is
 * checked by {@link io.github.mackereltracing.docs.DocSnippetsTest} against a file that a test compiles and
 * runs (these classes, run by the tests beside them, or the example application).
 */
package io.github.mackereltracing.docs;
