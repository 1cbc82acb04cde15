# Compile options every Drydock target shares, applied with
# drydock_target_defaults(<target>).

function(drydock_target_defaults target)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Werror
        -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
        -Woverloaded-virtual -Wnull-dereference -Wformat=2
        -Wimplicit-fallthrough
        # Hardening: these builds run on student workstations.
        -fstack-protector-strong -D_FORTIFY_SOURCE=2)
    # Qt's strictness defines: no implicit QString from char*, no QUrl from
    # QString, no narrowing in connect(), no keyword macros clashing with
    # plain C++ (`emit`, `signals`).
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_NO_CAST_FROM_BYTEARRAY
        QT_USE_QSTRINGBUILDER
        QT_NO_KEYWORDS
        QT_NO_FOREACH
        QT_DISABLE_DEPRECATED_BEFORE=0x060400)
endfunction()
