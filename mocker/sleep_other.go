//go:build !linux

package main

import "time"

// sleepThread is a plain sleep where prctl's timer slack is not available.
func sleepThread(d time.Duration) { time.Sleep(d) }
