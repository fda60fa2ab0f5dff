// Command gendiary writes a long diary for whole-command benchmarks:
//
//	go run ./internal/diary/testdata/gendiary DIR [EPISODES DAYS]
//
// makes DIR/diary.db with 100 episodes and 3,650 daily check-ins (ten
// years) unless told otherwise, and prints the last check-in's time (give
// the next day to --now so a check-in follows it).
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/testkit/diarygen"
)

func main() {
	if len(os.Args) != 2 && len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: gendiary DIR [EPISODES DAYS]")
		os.Exit(2)
	}
	episodes, days := 100, 3650
	if len(os.Args) == 4 {
		episodes, _ = strconv.Atoi(os.Args[2])
		days, _ = strconv.Atoi(os.Args[3])
	}
	last, err := diarygen.Write(diary.PathIn(filepath.Clean(os.Args[1])), episodes, days)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(last.Format(time.RFC3339))
}
