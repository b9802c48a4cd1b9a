package dev.switchboard.core.http;

import dev.switchboard.core.error.SwitchboardException;
import java.net.http.HttpHeaders;

/** A provider's reading of an error answer: status, headers and body to the sealed error type. */
@FunctionalInterface
public interface ErrorMapper {
    SwitchboardException map(int status, HttpHeaders headers, byte[] body);
}
