#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png from the real desktop app: its windows are rendered headless (Monocle, software
# rendering; no X server needed) against simulated Anthropic and Bedrock upstreams in a temporary home.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn=(mvn -q -B -Dstyle.color=never ${MAVEN_OPTS_EXTRA:-})
"${mvn[@]}" -pl app -am -DskipTests install
"${mvn[@]}" -pl app dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/screenshots.cp
java -cp "app/target/test-classes:app/target/classes:$(cat app/target/screenshots.cp)" \
  -Dprism.order=sw -Dprism.text=t2k -Dglass.platform=Monocle -Dmonocle.platform=Headless -Djava.awt.headless=true \
  -Dprism.lcdtext=false -Dmonocle.screen.width=1400 -Dmonocle.screen.height=1600 \
  dev.spillway.app.Screenshots "$root/docs/screenshots"
