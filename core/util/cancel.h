// SPDX-License-Identifier: GPL-3.0-or-later
// A cancellation flag shared between whoever starts work and the worker.
#pragma once

#include <atomic>
#include <memory>

namespace drydock {

class CancelToken
{
public:
    CancelToken() : m_flag(std::make_shared<std::atomic_bool>(false)) {}

    void cancel() const { m_flag->store(true); }
    bool isCancelled() const { return m_flag->load(); }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

} // namespace drydock
