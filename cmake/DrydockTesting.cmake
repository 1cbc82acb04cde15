# drydock_add_test(NAME <name> SOURCES <files...> LIBS <targets...> [LABELS <labels...>])
#
# A Qt Test executable registered with CTest. Tests run offscreen with a
# private data folder, so they never touch the user's runs or progress.
# Label "engine" marks tests that need the real Docker engine; "labenv"
# those that need the local registry and notary.
function(drydock_add_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    drydock_target_defaults(${T_NAME})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
    # Shared test code is included as "tests/support/<file>.h".
    target_include_directories(${T_NAME} PRIVATE "${PROJECT_SOURCE_DIR}")
    target_compile_definitions(${T_NAME} PRIVATE
        DRYDOCK_TEST_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data"
        DRYDOCK_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES
        TIMEOUT ${T_TIMEOUT}
        LABELS "${T_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;DRYDOCK_DATA_DIR=${CMAKE_CURRENT_BINARY_DIR}/${T_NAME}.data;QT_LOGGING_RULES=drydock.*.warning=true")
endfunction()
