// SPDX-License-Identifier: GPL-3.0-or-later
// Exit codes of the headless commands.
#pragma once

#include "result.h"

namespace drydock {

enum ExitCode : int {
    ExitOk = 0,
    ExitFindings = 1,    // ran, and found what it was asked to fail on; or a trusted pull refused
    ExitBadInput = 2,    // bad usage or bad input file
    ExitUnreachable = 3, // engine, registry or notary unreachable or refused
};

inline int exitCodeFor(const Error &error)
{
    switch (error.kind) {
    case ErrorKind::BadInput:
    case ErrorKind::Io:
        return ExitBadInput;
    case ErrorKind::Untrusted:
        return ExitFindings;
    case ErrorKind::Unreachable:
    case ErrorKind::Refused:
    case ErrorKind::Timeout:
    case ErrorKind::Protocol:
        return ExitUnreachable;
    case ErrorKind::Cancelled:
    case ErrorKind::Internal:
        break;
    }
    return ExitUnreachable;
}

} // namespace drydock
