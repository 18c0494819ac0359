package io.secretgate.server;

import io.javalin.http.Context;
import java.util.List;

/** {@code /healthz} and {@code /readyz}: 200 {@code ok}, or 503 with one {@code [-]name failed} line per failing check (as Kubernetes' own). */
final class HealthAnswer {
  private HealthAnswer() {}

  static void send(Context ctx, List<String> failing, String endpoint) {
    ctx.contentType("text/plain; charset=utf-8");
    if (failing.isEmpty()) {
      ctx.result("ok");
      return;
    }
    StringBuilder body = new StringBuilder();
    failing.forEach(name -> body.append("[-]").append(name).append(" failed\n"));
    ctx.status(503).result(body.append(endpoint).append(" check failed\n").toString());
  }
}
