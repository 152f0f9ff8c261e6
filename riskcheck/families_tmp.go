package riskcheck

import (
	"context"

	"github.com/bulwark-sec/bulwark/scanners"
)

func (r *run) passwordHashes([]Setting)                        {}
func envSettings(string, []byte) []Setting                     { return nil }
func (r *run) checkEnvFiles([]scanners.File, []scanners.File)  {}
func (r *run) checkKeystores(context.Context, []scanners.File) {}
func (r *run) checkUnits([]scanners.File, []scanners.File)     {}
func (r *run) checkLogging([]scanners.File)                    {}
func (r *run) checkPlaintextKeys([]scanners.File)              {}
func declaredEnvironment([]byte) (string, bool)                { return "", false }
