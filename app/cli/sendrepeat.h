#pragma once

#include "delivery/repeat.h"

namespace Session {
class SessionWriter;
}

namespace Cli::SendCommand {

/// Stores every message `sender` prepares and every attempt it reports into `writer` (if any).
void storeInto(Session::SessionWriter *writer, Delivery::Sender *sender);

/// `hookscope send --repeat` / `--rate`: sends `message` as `plan` says (SIGINT or SIGTERM stops
/// early), prints the summary (text, or one JSON object) and returns the exit status: 0 when every
/// final answer was 2xx, 1 otherwise.
int repeat(const Delivery::Message &message, const Delivery::RepeatPlan &plan, Session::SessionWriter *writer,
           bool asJson);

} // namespace Cli::SendCommand
