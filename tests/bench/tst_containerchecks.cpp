// SPDX-License-Identifier: GPL-3.0-or-later
// Sections 4.1 and 5 over inspect documents: each row patches a document
// recorded from the real engine (Docker 20.10) and names the rule it pins.
// Privileged containers cannot start on the build machines, so they come as
// documents here.
#include "bench/check.h"
#include "bench/checkhelpers.h"
#include "bench/collector.h"
#include "bench/runner.h"

#include <QFile>
#include <QTest>

using namespace drydock;
using namespace drydock::bench;
using nlohmann::json;

namespace {

struct Row
{
    const char *name;
    const char *check;
    Verdict verdict;
    const char *observed = ""; // expected in the subject's evidence (offence or examined)
    const char *patch = "{}";  // JSON merge patch on the subject's inspect document
    const char *base = "running";
    const char *info = "{}"; // merge patch on the engine's /info
    const char *other = "";  // a second container "other", when set (a patch)
    const char *top = "";    // the subject's /top, or "error"
    const char *endpoint = "unix:///var/run/docker.sock";
    bool otherOutsideSelection = false; // "other" was read only to resolve a join
    const char *reason = "";            // expected in the finding's reason
};

// clang-format off
const Row kRows[] = {
    // 4.1: no USER means root; "root", "0" and "0:0" are root; a non-root
    // user with the root group is not.
    {.name = "4.1 empty user is root", .check = "4.1", .verdict = Verdict::Warn, .observed = "root by default"},
    {.name = "4.1 user root", .check = "4.1", .verdict = Verdict::Warn, .observed = "User=root", .patch = R"({"Config":{"User":"root"}})"},
    {.name = "4.1 uid 0 with group", .check = "4.1", .verdict = Verdict::Warn, .observed = "User=0:0", .patch = R"({"Config":{"User":"0:0"}})"},
    {.name = "4.1 uid 00 is uid 0", .check = "4.1", .verdict = Verdict::Warn, .observed = "User=00", .patch = R"({"Config":{"User":"00"}})"},
    {.name = "4.1 uid 0 with a non-root group", .check = "4.1", .verdict = Verdict::Warn, .observed = "User=0:1000", .patch = R"({"Config":{"User":"0:1000"}})"},
    {.name = "4.1 numeric non-root", .check = "4.1", .verdict = Verdict::Pass, .observed = "User=1000", .patch = R"({"Config":{"User":"1000"}})"},
    {.name = "4.1 user with root group", .check = "4.1", .verdict = Verdict::Pass, .observed = "User=app:root", .patch = R"({"Config":{"User":"app:root"}})"},

    // 5.1: any swarm state but inactive is a node in a swarm.
    {.name = "5.1 swarm inactive", .check = "5.1", .verdict = Verdict::Pass},
    {.name = "5.1 swarm active", .check = "5.1", .verdict = Verdict::Warn, .info = R"({"Swarm":{"LocalNodeState":"active"}})"},
    {.name = "5.1 swarm locked is enabled", .check = "5.1", .verdict = Verdict::Warn, .info = R"({"Swarm":{"LocalNodeState":"locked"}})"},

    // 5.2: not applicable when the host runs no AppArmor; an empty profile
    // means the engine's default applies at start (unconfined if privileged).
    {.name = "5.2 host without AppArmor", .check = "5.2", .verdict = Verdict::NotApplicable, .observed = "name=seccomp,profile=default"},
    {.name = "5.2 docker-default", .check = "5.2", .verdict = Verdict::Pass, .observed = "docker-default", .patch = R"({"AppArmorProfile":"docker-default"})", .info = R"({"SecurityOptions":["name=apparmor","name=seccomp,profile=default"]})"},
    {.name = "5.2 unconfined", .check = "5.2", .verdict = Verdict::Warn, .observed = "unconfined", .patch = R"({"AppArmorProfile":"unconfined"})", .info = R"({"SecurityOptions":["name=apparmor"]})"},
    {.name = "5.2 created container gets the default", .check = "5.2", .verdict = Verdict::Pass, .observed = "applied at start: docker-default", .base = "created", .info = R"({"SecurityOptions":["name=apparmor"]})"},
    {.name = "5.2 created privileged is unconfined", .check = "5.2", .verdict = Verdict::Warn, .observed = "unconfined", .patch = R"({"HostConfig":{"Privileged":true}})", .base = "created", .info = R"({"SecurityOptions":["name=apparmor"]})"},
    {.name = "5.2 apparmor=unconfined option", .check = "5.2", .verdict = Verdict::Warn, .observed = "unconfined", .patch = R"({"HostConfig":{"SecurityOpt":["apparmor=unconfined"]}})", .base = "created", .info = R"({"SecurityOptions":["name=apparmor"]})"},
    {.name = "5.2 pre-1.13 spelling of the module", .check = "5.2", .verdict = Verdict::Warn, .patch = R"({"AppArmorProfile":"unconfined"})", .info = R"({"SecurityOptions":["apparmor"]})"},

    // 5.3: not applicable without SELinux; label=disable in either spelling,
    // spc_t and privileged turn confinement off.
    {.name = "5.3 engine without SELinux", .check = "5.3", .verdict = Verdict::NotApplicable, .observed = "name=seccomp,profile=default"},
    {.name = "5.3 labelled by default", .check = "5.3", .verdict = Verdict::Pass, .info = R"({"SecurityOptions":["name=selinux"]})"},
    {.name = "5.3 label=disable", .check = "5.3", .verdict = Verdict::Warn, .observed = "label=disable", .patch = R"({"HostConfig":{"SecurityOpt":["label=disable"]}})", .info = R"({"SecurityOptions":["name=selinux"]})"},
    {.name = "5.3 label:disable old spelling", .check = "5.3", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"SecurityOpt":["label:disable"]}})", .info = R"({"SecurityOptions":["name=selinux"]})"},
    {.name = "5.3 spc_t type", .check = "5.3", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"SecurityOpt":["label=type:spc_t"]}})", .info = R"({"SecurityOptions":["name=selinux"]})"},
    {.name = "5.3 privileged", .check = "5.3", .verdict = Verdict::Warn, .observed = "Privileged=true", .patch = R"({"HostConfig":{"Privileged":true}})", .info = R"({"SecurityOptions":["name=selinux"]})"},

    // 5.4: capabilities beyond Docker's default set, in any spelling
    // (CAP_ prefix or not, any case); ALL and privileged give all.
    {.name = "5.4 no capability added", .check = "5.4", .verdict = Verdict::Pass},
    {.name = "5.4 NET_ADMIN", .check = "5.4", .verdict = Verdict::Warn, .observed = "NET_ADMIN", .patch = R"({"HostConfig":{"CapAdd":["NET_ADMIN"]}})"},
    {.name = "5.4 lowercase with prefix", .check = "5.4", .verdict = Verdict::Warn, .observed = "beyond default: SYS_ADMIN", .patch = R"({"HostConfig":{"CapAdd":["cap_sys_admin"]}})"},
    {.name = "5.4 CAP_ prefix", .check = "5.4", .verdict = Verdict::Warn, .observed = "SYS_PTRACE", .patch = R"({"HostConfig":{"CapAdd":["CAP_SYS_PTRACE"]}})"},
    {.name = "5.4 ALL lowercase", .check = "5.4", .verdict = Verdict::Warn, .observed = "ALL", .patch = R"({"HostConfig":{"CapAdd":["all"]}})"},
    {.name = "5.4 default cap re-added after drop ALL", .check = "5.4", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"CapAdd":["chown","CAP_NET_BIND_SERVICE"],"CapDrop":["ALL"]}})"},
    {.name = "5.4 privileged has every capability", .check = "5.4", .verdict = Verdict::Warn, .observed = "Privileged=true", .patch = R"({"HostConfig":{"Privileged":true}})"},

    // 5.5
    {.name = "5.5 privileged", .check = "5.5", .verdict = Verdict::Warn, .observed = "Privileged=true", .patch = R"({"HostConfig":{"Privileged":true}})"},
    {.name = "5.5 not privileged", .check = "5.5", .verdict = Verdict::Pass, .observed = "Privileged=false"},
    {.name = "5.5 stopped privileged container counts", .check = "5.5", .verdict = Verdict::Warn, .observed = "(created)", .patch = R"({"HostConfig":{"Privileged":true}})", .base = "created"},

    // 5.6: a sensitive folder itself (any mode), anything writable below
    // it, / in any mode, other spellings of the same path; /bin is /usr.
    {.name = "5.6 /etc read-write", .check = "5.6", .verdict = Verdict::Warn, .observed = "/etc:/host/etc (rw)", .patch = R"({"Mounts":[{"Type":"bind","Source":"/etc","Destination":"/host/etc","RW":true,"Propagation":"rprivate"}]})"},
    {.name = "5.6 /etc read-only is still the folder", .check = "5.6", .verdict = Verdict::Warn, .patch = R"({"Mounts":[{"Type":"bind","Source":"/etc","Destination":"/e","RW":false}]})"},
    {.name = "5.6 /etc/localtime read-only", .check = "5.6", .verdict = Verdict::Pass, .patch = R"({"Mounts":[{"Type":"bind","Source":"/etc/localtime","Destination":"/etc/localtime","RW":false}]})"},
    {.name = "5.6 writable below /etc", .check = "5.6", .verdict = Verdict::Warn, .patch = R"({"Mounts":[{"Type":"bind","Source":"/etc/ssl/certs","Destination":"/c","RW":true}]})"},
    {.name = "5.6 root read-only", .check = "5.6", .verdict = Verdict::Warn, .patch = R"({"Mounts":[{"Type":"bind","Source":"/","Destination":"/host","RW":false}]})"},
    {.name = "5.6 unclean spelling //etc/", .check = "5.6", .verdict = Verdict::Warn, .patch = R"({"Mounts":[{"Type":"bind","Source":"//etc/","Destination":"/e","RW":false}]})"},
    {.name = "5.6 /proc /sys /dev /boot", .check = "5.6", .verdict = Verdict::Warn, .observed = "/proc:/p (ro), /sys:/s (ro), /dev:/d (rw), /boot:/b (ro)", .patch = R"({"Mounts":[{"Type":"bind","Source":"/proc","Destination":"/p","RW":false},{"Type":"bind","Source":"/sys","Destination":"/s","RW":false},{"Type":"bind","Source":"/dev","Destination":"/d","RW":true},{"Type":"bind","Source":"/boot","Destination":"/b","RW":false}]})"},
    {.name = "5.6 /bin is /usr on merged-usr", .check = "5.6", .verdict = Verdict::Warn, .patch = R"({"Mounts":[{"Type":"bind","Source":"/bin","Destination":"/b","RW":false}]})"},
    {.name = "5.6 /lib/modules read-only", .check = "5.6", .verdict = Verdict::Pass, .patch = R"({"Mounts":[{"Type":"bind","Source":"/lib/modules","Destination":"/m","RW":false}]})"},
    {.name = "5.6 /usr/share writable", .check = "5.6", .verdict = Verdict::Warn, .patch = R"({"Mounts":[{"Type":"bind","Source":"/usr/share","Destination":"/m","RW":true}]})"},
    {.name = "5.6 data folder and volume", .check = "5.6", .verdict = Verdict::Pass, .patch = R"({"Mounts":[{"Type":"bind","Source":"/srv/data","Destination":"/d","RW":true},{"Type":"volume","Name":"v","Source":"/var/lib/docker/volumes/v/_data","Destination":"/v","RW":true}]})"},

    // 5.7: sshd found from the host's side (/top), by program name; other
    // programs mentioning sshd are not sshd; a failed /top is an error.
    {.name = "5.7 sshd daemon", .check = "5.7", .verdict = Verdict::Warn, .observed = "/usr/sbin/sshd -D", .top = R"({"Titles":["UID","PID","PPID","C","STIME","TTY","TIME","CMD"],"Processes":[["root","1","0","0","10:00","?","00:00:00","/usr/sbin/sshd -D"]]})"},
    {.name = "5.7 sshd listener title", .check = "5.7", .verdict = Verdict::Warn, .observed = "sshd: /usr/sbin/sshd", .top = R"({"Titles":["UID","PID","CMD"],"Processes":[["root","1","sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"]]})"},
    {.name = "5.7 no sshd", .check = "5.7", .verdict = Verdict::Pass, .observed = "none is sshd", .top = R"({"Titles":["UID","PID","CMD"],"Processes":[["root","1","sleep 3000"],["root","7","grep sshd"],["root","8","/opt/sshdfake"]]})"},
    {.name = "5.7 /top failed", .check = "5.7", .verdict = Verdict::Error, .top = "error"},
    {.name = "5.7 stopped containers are not examined", .check = "5.7", .verdict = Verdict::NotApplicable, .base = "created"},

    // 5.8: host ports below 1024; "" and "0" are random (unprivileged);
    // a range counts from its lowest port.
    {.name = "5.8 recorded ports above 1024", .check = "5.8", .verdict = Verdict::Pass},
    {.name = "5.8 port 80 bound", .check = "5.8", .verdict = Verdict::Warn, .observed = "0.0.0.0:80->80/tcp", .patch = R"({"NetworkSettings":{"Ports":{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"80"}],"81/tcp":null}}})"},
    {.name = "5.8 stopped random host port", .check = "5.8", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"","HostPort":""}]}}})", .base = "created"},
    {.name = "5.8 stopped host port 443", .check = "5.8", .verdict = Verdict::Warn, .observed = "443", .patch = R"({"HostConfig":{"PortBindings":{"443/tcp":[{"HostIp":"","HostPort":"443"}]}}})", .base = "created"},
    {.name = "5.8 range starting below 1024", .check = "5.8", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"1000-1010"}]}}})", .base = "created"},
    {.name = "5.8 port 1024 is not privileged", .check = "5.8", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"1024"}]}}})", .base = "created"},

    // 5.9: published ports need a person's review; host networking opens all.
    {.name = "5.9 published ports listed", .check = "5.9", .verdict = Verdict::Note, .observed = "127.0.0.1:18081->81/tcp"},
    {.name = "5.9 nothing published", .check = "5.9", .verdict = Verdict::Pass, .patch = R"({"NetworkSettings":{"Ports":null}})"},
    {.name = "5.9 host network", .check = "5.9", .verdict = Verdict::Note, .observed = "NetworkMode=host", .patch = R"({"HostConfig":{"NetworkMode":"host"},"NetworkSettings":{"Ports":null}})"},

    // 5.10/5.16/5.17/5.21: "host", or joining a container that uses the
    // host's namespace.
    {.name = "5.10 host network", .check = "5.10", .verdict = Verdict::Warn, .observed = "NetworkMode=host", .patch = R"({"HostConfig":{"NetworkMode":"host"}})"},
    {.name = "5.10 default bridge", .check = "5.10", .verdict = Verdict::Pass, .observed = "NetworkMode=default"},
    {.name = "5.10 joins a host-network container", .check = "5.10", .verdict = Verdict::Warn, .observed = "joins a container", .patch = R"({"HostConfig":{"NetworkMode":"container:other"}})", .other = R"({"HostConfig":{"NetworkMode":"host"}})"},
    {.name = "5.10 joins a host-network container outside the selection", .check = "5.10", .verdict = Verdict::Warn, .observed = "joins a container", .patch = R"({"HostConfig":{"NetworkMode":"container:bbbbbbbbbbbb1111111111111111111111111111111111111111111111111111"}})", .other = R"({"HostConfig":{"NetworkMode":"host"}})", .otherOutsideSelection = true},
    {.name = "5.21 joins a host-uts container outside the selection", .check = "5.21", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"UTSMode":"container:other"}})", .other = R"({"HostConfig":{"UTSMode":"host"}})", .otherOutsideSelection = true},
    {.name = "5.10 joins a bridged container", .check = "5.10", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"NetworkMode":"container:other"}})", .other = "{}"},
    {.name = "5.16 host pid", .check = "5.16", .verdict = Verdict::Warn, .observed = "PidMode=host", .patch = R"({"HostConfig":{"PidMode":"host"}})"},
    {.name = "5.16 private pid", .check = "5.16", .verdict = Verdict::Pass},
    {.name = "5.16 joins a host-pid container by id", .check = "5.16", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"PidMode":"container:bbbbbbbbbbbb"}})", .other = R"({"HostConfig":{"PidMode":"host"}})"},
    {.name = "5.17 host ipc", .check = "5.17", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"IpcMode":"host"}})"},
    {.name = "5.17 private ipc", .check = "5.17", .verdict = Verdict::Pass, .observed = "IpcMode=private"},
    {.name = "5.17 shareable ipc", .check = "5.17", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"IpcMode":"shareable"}})"},
    {.name = "5.21 host uts", .check = "5.21", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"UTSMode":"host"}})"},
    {.name = "5.21 private uts", .check = "5.21", .verdict = Verdict::Pass},

    // 5.11: 0 is unlimited.
    {.name = "5.11 memory 0 is unlimited", .check = "5.11", .verdict = Verdict::Warn, .observed = "unlimited"},
    {.name = "5.11 memory 256MiB", .check = "5.11", .verdict = Verdict::Pass, .observed = "256MiB", .patch = R"({"HostConfig":{"Memory":268435456}})"},

    // 5.12: shares 0 and 1024 are the default; --cpus and --cpu-quota count.
    {.name = "5.12 defaults", .check = "5.12", .verdict = Verdict::Warn},
    {.name = "5.12 shares 1024 is the default", .check = "5.12", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"CpuShares":1024}})"},
    {.name = "5.12 shares 512", .check = "5.12", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"CpuShares":512}})"},
    {.name = "5.12 --cpus 1.5", .check = "5.12", .verdict = Verdict::Pass, .observed = "NanoCpus=1500000000", .patch = R"({"HostConfig":{"NanoCpus":1500000000}})"},
    {.name = "5.12 --cpu-quota", .check = "5.12", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"CpuQuota":50000}})"},

    // 5.13
    {.name = "5.13 writable root", .check = "5.13", .verdict = Verdict::Warn},
    {.name = "5.13 read-only root", .check = "5.13", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"ReadonlyRootfs":true}})"},

    // 5.14: 0.0.0.0 and :: both flagged, in any spelling; 127.0.0.1 and
    // ::1 are specific; "" in a stopped container's bindings means all;
    // PublishAllPorts publishes every exposed port on all interfaces.
    {.name = "5.14 IPv4 and IPv6 wildcards", .check = "5.14", .verdict = Verdict::Warn, .observed = "0.0.0.0:18080->80/tcp, [::]:18080->80/tcp"},
    {.name = "5.14 IPv6 wildcard only", .check = "5.14", .verdict = Verdict::Warn, .observed = "[::]:8080", .patch = R"({"NetworkSettings":{"Ports":{"80/tcp":[{"HostIp":"::","HostPort":"8080"}],"81/tcp":null}}})"},
    {.name = "5.14 long IPv6 wildcard", .check = "5.14", .verdict = Verdict::Warn, .patch = R"({"NetworkSettings":{"Ports":{"80/tcp":[{"HostIp":"0:0:0:0:0:0:0:0","HostPort":"8080"}],"81/tcp":null}}})"},
    {.name = "5.14 loopback only", .check = "5.14", .verdict = Verdict::Pass, .patch = R"({"NetworkSettings":{"Ports":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"},{"HostIp":"::1","HostPort":"8080"}],"81/tcp":null}}})"},
    {.name = "5.14 stopped, empty HostIp", .check = "5.14", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]}}})", .base = "created"},
    {.name = "5.14 stopped, loopback", .check = "5.14", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}]}}})", .base = "created"},
    {.name = "5.14 stopped, publish all", .check = "5.14", .verdict = Verdict::Warn, .observed = "->9000/tcp", .patch = R"({"HostConfig":{"PublishAllPorts":true},"Config":{"ExposedPorts":{"9000/tcp":{}}}})", .base = "created"},

    // 5.15: always and unless-stopped restart without end; on-failure needs
    // a count of 1 to 5 (0 is unlimited).
    {.name = "5.15 no policy", .check = "5.15", .verdict = Verdict::Pass},
    {.name = "5.15 always", .check = "5.15", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"RestartPolicy":{"Name":"always","MaximumRetryCount":0}}})"},
    {.name = "5.15 unless-stopped", .check = "5.15", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"RestartPolicy":{"Name":"unless-stopped","MaximumRetryCount":0}}})"},
    {.name = "5.15 on-failure 5", .check = "5.15", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":5}}})"},
    {.name = "5.15 on-failure unlimited", .check = "5.15", .verdict = Verdict::Warn, .observed = "unlimited", .patch = R"({"HostConfig":{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":0}}})"},
    {.name = "5.15 on-failure 6", .check = "5.15", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":6}}})"},

    // 5.18: devices, and privileged (every device).
    {.name = "5.18 no device", .check = "5.18", .verdict = Verdict::Pass},
    {.name = "5.18 fuse device", .check = "5.18", .verdict = Verdict::Info, .observed = "/dev/fuse", .patch = R"({"HostConfig":{"Devices":[{"PathOnHost":"/dev/fuse","PathInContainer":"/dev/fuse","CgroupPermissions":"rwm"}]}})"},
    {.name = "5.18 privileged", .check = "5.18", .verdict = Verdict::Info, .patch = R"({"HostConfig":{"Privileged":true}})"},

    // 5.19
    {.name = "5.19 default ulimits", .check = "5.19", .verdict = Verdict::Info},
    {.name = "5.19 nofile set", .check = "5.19", .verdict = Verdict::Pass, .observed = "nofile=1024:2048", .patch = R"({"HostConfig":{"Ulimits":[{"Name":"nofile","Soft":1024,"Hard":2048}]}})"},

    // 5.20: shared and rshared.
    {.name = "5.20 rshared", .check = "5.20", .verdict = Verdict::Warn, .observed = "rshared", .patch = R"({"Mounts":[{"Type":"bind","Source":"/srv","Destination":"/s","RW":true,"Propagation":"rshared"}]})"},
    {.name = "5.20 shared", .check = "5.20", .verdict = Verdict::Warn, .patch = R"({"Mounts":[{"Type":"bind","Source":"/srv","Destination":"/s","RW":true,"Propagation":"shared"}]})"},
    {.name = "5.20 rprivate", .check = "5.20", .verdict = Verdict::Pass, .patch = R"({"Mounts":[{"Type":"bind","Source":"/srv","Destination":"/s","RW":true,"Propagation":"rprivate"}]})"},

    // 5.22: seccomp=unconfined in both spellings; privileged; the engine's
    // own default being unconfined or absent.
    {.name = "5.22 engine default profile", .check = "5.22", .verdict = Verdict::Pass, .observed = "engine default profile (default)"},
    {.name = "5.22 seccomp=unconfined", .check = "5.22", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"SecurityOpt":["seccomp=unconfined"]}})"},
    {.name = "5.22 seccomp:unconfined old spelling", .check = "5.22", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"SecurityOpt":["seccomp:unconfined"]}})"},
    {.name = "5.22 custom profile", .check = "5.22", .verdict = Verdict::Pass, .patch = "{\"HostConfig\":{\"SecurityOpt\":[\"seccomp={\\\"defaultAction\\\":\\\"SCMP_ACT_ERRNO\\\"}\"]}}"},
    {.name = "5.22 privileged", .check = "5.22", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"Privileged":true}})"},
    {.name = "5.22 engine default unconfined", .check = "5.22", .verdict = Verdict::Warn, .info = R"({"SecurityOptions":["name=seccomp,profile=unconfined"]})"},
    {.name = "5.22 engine without seccomp", .check = "5.22", .verdict = Verdict::Warn, .info = R"({"SecurityOptions":[]})"},

    // 5.25
    {.name = "5.25 default cgroup", .check = "5.25", .verdict = Verdict::Pass},
    {.name = "5.25 custom cgroup parent", .check = "5.25", .verdict = Verdict::Warn, .observed = "/custom", .patch = R"({"HostConfig":{"CgroupParent":"/custom"}})"},

    // 5.26: every spelling of no-new-privileges; :false turns it off; the
    // daemon-wide default applies unless the container turns it off.
    // Without dockerd's settings (a remote engine) the warning says that a
    // daemon-wide default the engine does not report would go unseen.
    {.name = "5.26 not set", .check = "5.26", .verdict = Verdict::Warn, .reason = "daemon-wide no-new-privileges"},
    {.name = "5.26 bare", .check = "5.26", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"SecurityOpt":["no-new-privileges"]}})"},
    {.name = "5.26 colon true", .check = "5.26", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"SecurityOpt":["no-new-privileges:true"]}})"},
    {.name = "5.26 equals true", .check = "5.26", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"SecurityOpt":["no-new-privileges=true"]}})"},
    {.name = "5.26 equals 1 (Go bool)", .check = "5.26", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"SecurityOpt":["no-new-privileges=1"]}})"},
    {.name = "5.26 colon false", .check = "5.26", .verdict = Verdict::Warn, .observed = "false", .patch = R"({"HostConfig":{"SecurityOpt":["no-new-privileges:false"]}})"},
    {.name = "5.26 daemon default", .check = "5.26", .verdict = Verdict::Pass, .observed = "daemon default", .info = R"({"SecurityOptions":["name=seccomp,profile=default","name=no-new-privileges"]})"},
    {.name = "5.26 daemon default turned off", .check = "5.26", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"SecurityOpt":["no-new-privileges=false"]}})", .info = R"({"SecurityOptions":["name=no-new-privileges"]})"},

    // 5.27: a running container without health check; NONE disables one;
    // unhealthy is still checked; stopped containers are not examined.
    {.name = "5.27 healthy", .check = "5.27", .verdict = Verdict::Pass, .observed = "Health=healthy"},
    {.name = "5.27 unhealthy is checked", .check = "5.27", .verdict = Verdict::Pass, .patch = R"({"State":{"Health":{"Status":"unhealthy"}}})"},
    {.name = "5.27 no health check", .check = "5.27", .verdict = Verdict::Warn, .observed = "no health check", .patch = R"({"State":{"Health":null},"Config":{"Healthcheck":null}})"},
    {.name = "5.27 health check NONE", .check = "5.27", .verdict = Verdict::Warn, .observed = "disabled", .patch = R"({"State":{"Health":null},"Config":{"Healthcheck":{"Test":["NONE"]}}})"},
    {.name = "5.27 stopped", .check = "5.27", .verdict = Verdict::NotApplicable, .base = "created"},

    // 5.29: null, 0 and -1 are unlimited.
    {.name = "5.29 null", .check = "5.29", .verdict = Verdict::Warn, .observed = "null"},
    {.name = "5.29 zero", .check = "5.29", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"PidsLimit":0}})"},
    {.name = "5.29 minus one", .check = "5.29", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"PidsLimit":-1}})"},
    {.name = "5.29 limit 100", .check = "5.29", .verdict = Verdict::Pass, .observed = "PidsLimit=100", .patch = R"({"HostConfig":{"PidsLimit":100}})"},

    // 5.30: the default bridge network.
    {.name = "5.30 on the default bridge", .check = "5.30", .verdict = Verdict::Info, .observed = "bridge"},
    {.name = "5.30 joins a container on the default bridge", .check = "5.30", .verdict = Verdict::Info, .observed = "through container:other", .patch = R"({"HostConfig":{"NetworkMode":"container:other"},"NetworkSettings":{"Networks":null}})", .other = "{}"},
    {.name = "5.30 joins a container on a user network", .check = "5.30", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"NetworkMode":"container:other"},"NetworkSettings":{"Networks":null}})", .other = R"({"HostConfig":{"NetworkMode":"appnet"},"NetworkSettings":{"Networks":{"bridge":null,"appnet":{"IPAddress":"172.20.0.2"}}}})"},
    {.name = "5.30 on a user network", .check = "5.30", .verdict = Verdict::Pass, .patch = R"({"HostConfig":{"NetworkMode":"appnet"},"NetworkSettings":{"Networks":{"bridge":null,"appnet":{"IPAddress":"172.20.0.2"}}}})"},

    // 5.31
    {.name = "5.31 userns host", .check = "5.31", .verdict = Verdict::Warn, .patch = R"({"HostConfig":{"UsernsMode":"host"}})"},
    {.name = "5.31 default", .check = "5.31", .verdict = Verdict::Pass},

    // 5.32: the socket under /var/run or /run, a folder above it, any
    // docker.sock, the socket this scan talks to; /var alone does not
    // expose it (/var/run is a symlink resolved inside the container).
    {.name = "5.32 /var/run/docker.sock", .check = "5.32", .verdict = Verdict::Warn, .observed = "/var/run/docker.sock", .patch = R"({"Mounts":[{"Type":"bind","Source":"/var/run/docker.sock","Destination":"/var/run/docker.sock","RW":true}]})"},
    {.name = "5.32 /run/docker.sock spelling", .check = "5.32", .verdict = Verdict::Warn, .patch = R"({"Mounts":[{"Type":"bind","Source":"/run/docker.sock","Destination":"/d.sock","RW":false}]})"},
    {.name = "5.32 parent /var/run", .check = "5.32", .verdict = Verdict::Warn, .patch = R"({"Mounts":[{"Type":"bind","Source":"/var/run","Destination":"/hostrun","RW":false}]})"},
    {.name = "5.32 parent /run", .check = "5.32", .verdict = Verdict::Warn, .patch = R"({"Mounts":[{"Type":"bind","Source":"/run/","Destination":"/hostrun","RW":false}]})"},
    {.name = "5.32 root folder", .check = "5.32", .verdict = Verdict::Warn, .patch = R"({"Mounts":[{"Type":"bind","Source":"/","Destination":"/host","RW":false}]})"},
    {.name = "5.32 /var alone", .check = "5.32", .verdict = Verdict::Pass, .patch = R"({"Mounts":[{"Type":"bind","Source":"/var","Destination":"/hostvar","RW":false}]})"},
    {.name = "5.32 rootless socket", .check = "5.32", .verdict = Verdict::Warn, .patch = R"({"Mounts":[{"Type":"bind","Source":"/run/user/1000/docker.sock","Destination":"/var/run/docker.sock","RW":true}]})"},
    {.name = "5.32 the scanned engine's own socket folder", .check = "5.32", .verdict = Verdict::Warn, .patch = R"({"Mounts":[{"Type":"bind","Source":"/srv/engine","Destination":"/e","RW":true}]})", .endpoint = "unix:///srv/engine/api.sock"},
    {.name = "5.32 no socket", .check = "5.32", .verdict = Verdict::Pass},
};
// clang-format on

json readJson(const QString &name)
{
    QFile file(QStringLiteral(DRYDOCK_TEST_DATA "/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture");
    }
    const QByteArray data = file.readAll();
    return json::parse(data.begin(), data.end());
}

json baseInfo()
{
    return json::parse(R"({"ID":"TEST:ENGINE","Name":"testhost","ServerVersion":"20.10.24",
        "SecurityOptions":["name=seccomp,profile=default"],"Containers":2,"ContainersRunning":1,
        "Swarm":{"LocalNodeState":"inactive"}})");
}

docker::ContainerInspect container(const QString &base, const char *patch, const char *id,
                                   const char *name)
{
    json doc = readJson(QStringLiteral("engine-inspect-%1.json").arg(base));
    doc["Id"] = id;
    doc["Name"] = std::string("/") + name;
    doc.merge_patch(json::parse(patch));
    auto parsed = readContainerDocument(doc);
    if (!parsed) {
        qFatal("%s", qPrintable(parsed.error().text()));
    }
    return parsed.value();
}

Finding evaluate(const QString &checkId, const Snapshot &snapshot)
{
    for (const CheckLogic &logic : allChecks()) {
        if (checkId == QLatin1String(logic.id)) {
            return evaluateCheck(logic, snapshot);
        }
    }
    qFatal("unknown check");
}

} // namespace

class ContainerChecksTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verdicts_data();
    void verdicts();
    void unreadContainerIsAnError();
    void unreadContainerDoesNotHideAnOffence();
    void noContainersIsNotApplicable();
    void stoppedContainersAreCheckedForConfiguration();
    void evidenceNamesContainerAndImage();
};

void ContainerChecksTest::verdicts_data()
{
    QTest::addColumn<int>("row");
    for (int i = 0; i < int(std::size(kRows)); ++i) {
        QTest::newRow(kRows[i].name) << i;
    }
}

void ContainerChecksTest::verdicts()
{
    QFETCH(int, row);
    const Row &r = kRows[row];
    Snapshot snapshot;
    snapshot.endpoint = QLatin1String(r.endpoint);
    json info = baseInfo();
    info.merge_patch(json::parse(r.info));
    snapshot.info = docker::parseInfo(info).value();
    const char *subjectId = "aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000";
    snapshot.containers.append(container(QLatin1String(r.base), r.patch, subjectId, "subject"));
    if (*r.other != '\0') {
        (r.otherOutsideSelection ? snapshot.joinedContainers : snapshot.containers)
            .append(container(QStringLiteral("running"), r.other,
                              "bbbbbbbbbbbb1111111111111111111111111111111111111111111111111111",
                              "other"));
    }
    if (QByteArray(r.top) == "error") {
        snapshot.processErrors.insert(QLatin1String(subjectId),
                                      QStringLiteral("The engine refused GET /top (HTTP 500)"));
    } else if (*r.top != '\0') {
        snapshot.processes.insert(QLatin1String(subjectId),
                                  docker::parseTop(json::parse(r.top)).value());
    }

    const Finding finding = evaluate(QLatin1String(r.check), snapshot);
    QCOMPARE(finding.checkId, QLatin1String(r.check));
    QVERIFY2(finding.verdict == r.verdict,
             qPrintable(QStringLiteral("got %1 (%2 %3), expected %4")
                            .arg(verdictName(finding.verdict), finding.summary, finding.reason,
                                 verdictName(r.verdict))));
    if (finding.verdict == Verdict::Warn || finding.verdict == Verdict::Info ||
        finding.verdict == Verdict::Note) {
        QVERIFY2(!finding.evidence.isEmpty(), "an offence names its items");
    }
    QVERIFY2(finding.reason.contains(QLatin1String(r.reason)), qPrintable(finding.reason));
    if (*r.observed != '\0') {
        const Evidence *subject = nullptr;
        for (const Evidence &e : finding.evidence) {
            if (e.item == QLatin1String("subject") || e.kind == QLatin1String("setting")) {
                subject = &e;
            }
        }
        QVERIFY2(subject != nullptr, "the subject is in the evidence");
        QVERIFY2(subject->observed.contains(QLatin1String(r.observed)),
                 qPrintable(subject->observed));
    }
}

void ContainerChecksTest::unreadContainerIsAnError()
{
    // A check never passes on data it could not read.
    Snapshot snapshot;
    snapshot.info = docker::parseInfo(baseInfo()).value();
    snapshot.containers.append(
        container(QStringLiteral("running"), R"({"HostConfig":{"Privileged":false}})",
                  "aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000", "subject"));
    snapshot.collectionErrors.insert(QStringLiteral("container:broken"),
                                     QStringLiteral("HostConfig.Privileged is not a boolean"));
    const Finding finding = evaluate(QStringLiteral("5.5"), snapshot);
    QCOMPARE(finding.verdict, Verdict::Error);
    QVERIFY(finding.reason.contains(QLatin1String("broken")));
}

void ContainerChecksTest::unreadContainerDoesNotHideAnOffence()
{
    Snapshot snapshot;
    snapshot.info = docker::parseInfo(baseInfo()).value();
    snapshot.containers.append(
        container(QStringLiteral("running"), R"({"HostConfig":{"Privileged":true}})",
                  "aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000", "subject"));
    snapshot.collectionErrors.insert(QStringLiteral("container:broken"), QStringLiteral("x"));
    const Finding finding = evaluate(QStringLiteral("5.5"), snapshot);
    QCOMPARE(finding.verdict, Verdict::Warn);
    QVERIFY(finding.reason.contains(QLatin1String("broken")));
}

void ContainerChecksTest::noContainersIsNotApplicable()
{
    Snapshot snapshot;
    snapshot.info = docker::parseInfo(baseInfo()).value();
    for (const char *id : {"5.4", "5.10", "5.32", "4.1"}) {
        const Finding finding = evaluate(QLatin1String(id), snapshot);
        QCOMPARE(finding.verdict, Verdict::NotApplicable);
        QVERIFY(!finding.reason.isEmpty());
    }
    snapshot.collectionErrors.insert(QStringLiteral("containers"), QStringLiteral("HTTP 500"));
    QCOMPARE(evaluate(QStringLiteral("5.4"), snapshot).verdict, Verdict::Error);
}

void ContainerChecksTest::stoppedContainersAreCheckedForConfiguration()
{
    // A stopped container's configuration applies when it starts again;
    // runtime checks (5.7, 5.27) skip it and say so.
    Snapshot snapshot;
    snapshot.info = docker::parseInfo(baseInfo()).value();
    snapshot.containers.append(
        container(QStringLiteral("created"), "{}",
                  "aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000", "stopped"));
    snapshot.containers.append(
        container(QStringLiteral("running"), "{}",
                  "cccccccccccc0000000000000000000000000000000000000000000000000000", "running"));
    QCOMPARE(evaluate(QStringLiteral("5.11"), snapshot).evidence.size(), 2);
    const Finding health = evaluate(QStringLiteral("5.27"), snapshot);
    QCOMPARE(health.verdict, Verdict::Pass);
    QCOMPARE(health.evidence.size(), 1);
    QVERIFY(health.summary.contains(QLatin1String("1 stopped container not examined")));
}

void ContainerChecksTest::evidenceNamesContainerAndImage()
{
    Snapshot snapshot;
    snapshot.info = docker::parseInfo(baseInfo()).value();
    snapshot.containers.append(
        container(QStringLiteral("running"), "{}",
                  "aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000", "web"));
    const Finding finding = evaluate(QStringLiteral("5.11"), snapshot);
    QCOMPARE(finding.verdict, Verdict::Warn);
    QCOMPARE(finding.evidence.size(), 1);
    const Evidence &e = finding.evidence.first();
    QCOMPARE(e.kind, QStringLiteral("container"));
    QCOMPARE(e.item, QStringLiteral("web"));
    QVERIFY(e.itemId.startsWith(QLatin1String("aaaaaaaaaaaa")));
    QCOMPARE(e.image, QStringLiteral("drydock-benchrun-probe:1"));
    QVERIFY(!e.expected.isEmpty());
}

QTEST_GUILESS_MAIN(ContainerChecksTest)
#include "tst_containerchecks.moc"
