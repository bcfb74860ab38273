/**
 * What {@code ifmon demo} runs against: the bundled catalog, a loopback demo API and a loopback stand-in for
 * the WeCom group robot. Everything binds {@code 127.0.0.1} on a free port; nothing needs the internet.
 */
package dev.ifmon.runner.demo;
